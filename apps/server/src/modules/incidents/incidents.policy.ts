import type { IncidentAbilitiesDto, IncidentStatus, Permission } from '@vigil/shared';
import { hasPermissionIn, scopePaths, type Actor } from '../../platform/auth/actor.js';
import { isEditable, isOpen, nextStatuses } from './incident-status.js';

/** Subtrees where the actor holds `perm` for incidents; null = everywhere (the system actor). */
export function incidentScope(actor: Actor, perm: Permission = 'incident.read'): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, perm);
}

/** Whether the actor may do `perm` on an incident owned by the org at `orgPath`. */
export function can(actor: Actor, perm: Permission, row: { org_path: string }): boolean {
  return hasPermissionIn(actor, perm, row.org_path);
}

/** What the actor may do next with the incident (buttons the web app shows). */
export function abilitiesOf(actor: Actor, row: { org_path: string; status: IncidentStatus }): IncidentAbilitiesDto {
  const update = can(actor, 'incident.update', row);
  const open = isOpen(row.status);
  const editable = isEditable(row.status);
  return {
    update: update && editable,
    changeStatus: update ? nextStatuses(row.status).filter((s) => s !== 'merged') : [],
    merge: update && nextStatuses(row.status).includes('merged'),
    grade: can(actor, 'incident.grade', row) && editable,
    attach: update,
    report: can(actor, 'incident.report', row) && editable,
    instruct: can(actor, 'incident.instruct', row) && open,
  };
}
