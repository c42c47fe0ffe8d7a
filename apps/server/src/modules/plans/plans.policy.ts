import type { Permission, PlanAbilitiesDto, PlanStatus } from '@vigil/shared';
import { hasPermissionIn, scopePaths, type Actor } from '../../platform/auth/actor.js';
import { canBranch, isEditable, nextStatus } from './plan-status.js';

interface Subject {
  org_path: string;
  status: PlanStatus;
  created_by: string | null;
  submitted_by: string | null;
}

/** Subtrees where the actor sees plans; null = everywhere (the system actor). */
export function planScope(actor: Actor): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, 'plan.read');
}

export function can(actor: Actor, perm: Permission, p: Pick<Subject, 'org_path'>): boolean {
  return hasPermissionIn(actor, perm, p.org_path);
}

/** Whether the actor wrote or submitted the version (and so may not approve it: 审批人须非编制人). */
export function isAuthor(actor: Actor, p: Pick<Subject, 'created_by' | 'submitted_by'>): boolean {
  return actor.userId !== null && (actor.userId === p.created_by || actor.userId === p.submitted_by);
}

/** What the actor may do next with the version (the buttons the web app shows). */
export function abilitiesOf(actor: Actor, p: Subject): PlanAbilitiesDto {
  const manage = can(actor, 'plan.manage', p);
  const approve = can(actor, 'plan.approve', p);
  const step = (a: Parameters<typeof nextStatus>[1]) => nextStatus(p.status, a) !== null;
  return {
    edit: manage && isEditable(p.status),
    submit: manage && step('submit'),
    approve: approve && step('approve') && !isAuthor(actor, p),
    reject: approve && step('reject') && !isAuthor(actor, p),
    activate: approve && step('activate'),
    retire: approve && step('retire'),
    newVersion: manage && canBranch(p.status),
  };
}
