import { MAJOR_WARNING_COLOURS, type Permission, type WarningAbilitiesDto, type WarningColour, type WarningStatus } from '@vigil/shared';
import { hasPermission, hasPermissionIn, scopePaths, type Actor } from '../../platform/auth/actor.js';
import { isPublic, nextStatus } from './warning-status.js';

interface Subject {
  org_path: string;
  status: WarningStatus;
  source: 'internal' | 'external';
  colour: WarningColour | null;
  created_by: string | null;
  submitted_by: string | null;
}

/** Subtrees where the actor sees unpublished warnings; null = everywhere (the system actor). */
export function warningScope(actor: Actor): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, 'warning.read');
}

/** Published (and later) warnings are public: any warning reader sees them. Drafts stay in the org subtree. */
export function canRead(actor: Actor, w: Pick<Subject, 'org_path' | 'status'>): boolean {
  if (isPublic(w.status)) return hasPermission(actor, 'warning.read');
  return hasPermissionIn(actor, 'warning.read', w.org_path);
}

export function can(actor: Actor, perm: Permission, w: Pick<Subject, 'org_path'>): boolean {
  return hasPermissionIn(actor, perm, w.org_path);
}

/** Orange and red warnings need a leader's approval. */
export function needsLeader(colour: WarningColour | null): boolean {
  return colour !== null && MAJOR_WARNING_COLOURS.includes(colour);
}

/** Whether the actor took part in writing the warning (and so may not approve it). */
export function isAuthor(actor: Actor, w: Pick<Subject, 'created_by' | 'submitted_by'>): boolean {
  return actor.userId !== null && (actor.userId === w.created_by || actor.userId === w.submitted_by);
}

/** What the actor may do next with the warning (the buttons the web app shows). */
export function abilitiesOf(actor: Actor, w: Subject): WarningAbilitiesDto {
  const internal = w.source === 'internal';
  const draft = internal && can(actor, 'warning.draft', w);
  const approver =
    internal &&
    can(actor, 'warning.approve', w) &&
    (!needsLeader(w.colour) || can(actor, 'warning.approve_major', w)) &&
    !isAuthor(actor, w);
  const step = (a: Parameters<typeof nextStatus>[1]) => nextStatus(w.status, a) !== null;
  return {
    edit: draft && w.status === 'draft',
    submit: draft && step('submit'),
    approve: approver && step('approve'),
    reject: approver && step('reject'),
    publish: draft && step('publish'),
    cancel: internal && can(actor, 'warning.approve', w) && step('cancel'),
    revise: draft && w.status === 'published',
  };
}
