import { ORG_KIND_LABELS, type OrgKind } from '@vigil/shared';

/** Which kinds of org may sit directly above each kind; `any` for bodies that attach anywhere. */
const PARENT_KINDS: Record<OrgKind, readonly OrgKind[] | 'any'> = {
  province: [],
  city: ['province'],
  county: ['city'],
  township: ['county'],
  department: 'any',
  enterprise: 'any',
  rescue_team: 'any',
};

/** Why an org of `kind` may not be placed under a `parentKind` org (Chinese), or null when it may. */
export function parentKindProblem(kind: OrgKind, parentKind: OrgKind): string | null {
  const allowed = PARENT_KINDS[kind];
  if (allowed === 'any' || allowed.includes(parentKind)) return null;
  const label = ORG_KIND_LABELS[kind].zh;
  if (allowed.length === 0) return `${label}组织是组织树的根，不能设置上级组织`;
  return `${label}组织的上级必须是${allowed.map((k) => ORG_KIND_LABELS[k].zh).join('或')}组织，不能是${ORG_KIND_LABELS[parentKind].zh}组织`;
}
