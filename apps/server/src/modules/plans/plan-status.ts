import { PLAN_STATUS_ZH, type PlanStatus } from '@vigil/shared';

/** The workflow steps of a plan version. */
export type PlanAction = 'submit' | 'approve' | 'reject' | 'activate' | 'retire';

const NEXT: Record<PlanAction, Partial<Record<PlanStatus, PlanStatus>>> = {
  submit: { draft: 'submitted' },
  approve: { submitted: 'approved' },
  reject: { submitted: 'draft' },
  activate: { approved: 'active' },
  retire: { active: 'retired', approved: 'retired' },
};

const ACTION_ZH: Record<PlanAction, string> = { submit: '提交', approve: '批准', reject: '退回', activate: '发布实施', retire: '废止' };

/** The status after `action`, or null when the step is not allowed from `from`. */
export function nextStatus(from: PlanStatus, action: PlanAction): PlanStatus | null {
  return NEXT[action][from] ?? null;
}

/** Why a step is refused, in words for the user. */
export function refusal(from: PlanStatus, action: PlanAction): string {
  return `${PLAN_STATUS_ZH[from]}状态的预案不能${ACTION_ZH[action]}`;
}

/** Only drafts are edited. */
export function isEditable(status: PlanStatus): boolean {
  return status === 'draft';
}

/** A new version is started from a version that was approved (in force or waiting to be). */
export function canBranch(status: PlanStatus): boolean {
  return status === 'approved' || status === 'active';
}
