import { WARNING_STATUS_ZH, type WarningStatus } from '@vigil/shared';
import { AppError } from '../../platform/errors.js';

/** What can be done to a warning; each action leads to exactly one status. */
export type WarningAction = 'submit' | 'approve' | 'reject' | 'publish' | 'supersede' | 'cancel' | 'expire';

export const WARNING_ACTION_ZH: Record<WarningAction, string> = {
  submit: '提交审批',
  approve: '审批通过',
  reject: '退回修改',
  publish: '发布',
  supersede: '被新版本更新',
  cancel: '解除',
  expire: '到期',
};

/**
 * The warning workflow as data: 草稿 → 待审批 → 已审批 → 已发布, a rejection returns to draft, a
 * published warning ends as 已更新 (a newer version was published), 已解除 or 已过期. A warning
 * that was never published may be withdrawn (cancelled). Superseded, cancelled and expired are final.
 */
const STEPS: Record<WarningStatus, Partial<Record<WarningAction, WarningStatus>>> = {
  draft: { submit: 'submitted', cancel: 'cancelled' },
  submitted: { approve: 'approved', reject: 'draft', cancel: 'cancelled' },
  approved: { publish: 'published', reject: 'draft', cancel: 'cancelled' },
  published: { supersede: 'superseded', cancel: 'cancelled', expire: 'expired' },
  superseded: {},
  cancelled: {},
  expired: {},
};

/** The status `action` leads to from `from`, or null when the step is not allowed. */
export function nextStatus(from: WarningStatus, action: WarningAction): WarningStatus | null {
  return STEPS[from][action] ?? null;
}

/** Actions allowed from a status. */
export function allowedActions(from: WarningStatus): WarningAction[] {
  return Object.keys(STEPS[from]) as WarningAction[];
}

/** Returns the next status; throws CONFLICT (409) naming the status and the action when not allowed. */
export function transition(from: WarningStatus, action: WarningAction): WarningStatus {
  const to = nextStatus(from, action);
  if (!to) {
    throw new AppError('CONFLICT', `“${WARNING_STATUS_ZH[from]}”状态的预警不能${WARNING_ACTION_ZH[action]}`, {
      extra: { from, action, allowed: allowedActions(from) },
    });
  }
  return to;
}

/** Only drafts may be edited. */
export function isEditable(s: WarningStatus): boolean {
  return s === 'draft';
}

/** Whether the warning is (or was) public: it has a CAP identifier and public URLs. */
export function isPublic(s: WarningStatus): boolean {
  return s === 'published' || s === 'superseded' || s === 'cancelled' || s === 'expired';
}

/** Statuses with no way out. */
export function isFinal(s: WarningStatus): boolean {
  return allowedActions(s).length === 0;
}
