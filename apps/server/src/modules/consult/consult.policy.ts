import type { Permission } from '@vigil/shared';
import { hasPermissionIn, type Actor } from '../../platform/auth/actor.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError } from '../../platform/errors.js';
import { findIncidentForActor, type IncidentRow } from '../incidents/index.js';

/**
 * Who may do what in an incident's consultation room and plot. The room belongs to the incident's
 * org: it is read (and chatted in) by command readers of that org's subtree; decisions,
 * participants and plotting need `command.dispatch` there.
 */
export const CONSULT_READ: Permission = 'command.read';
export const CONSULT_WRITE: Permission = 'command.dispatch';

export function can(actor: Actor, perm: Permission, row: { org_path: string }): boolean {
  return hasPermissionIn(actor, perm, row.org_path);
}

/**
 * Loads the incident for the actor: 404 when missing or outside the actor's incident scope, an
 * audited 404 when the actor may not read its command work, 403 when `perm` is not held there.
 */
export async function loadConsultIncident(ctx: Ctx, incidentId: string, perm: Permission = CONSULT_READ): Promise<IncidentRow> {
  const incident = await findIncidentForActor(ctx, incidentId);
  if (!can(ctx.actor, CONSULT_READ, incident)) return denyOutOfScope(ctx, 'incident', incidentId);
  if (!can(ctx.actor, perm, incident)) throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
  return incident;
}

/** What the actor may do in the room (the buttons the web app shows). */
export function consultAbilities(actor: Actor, incident: { org_path: string }) {
  const write = can(actor, CONSULT_WRITE, incident);
  return { post: can(actor, CONSULT_READ, incident), decide: write, manageParticipants: write, plot: write };
}
