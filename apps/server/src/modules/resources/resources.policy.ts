import type { Permission } from '@vigil/shared';
import { hasPermissionIn, scopePaths, type Actor } from '../../platform/auth/actor.js';

/** Subtrees where the actor holds `perm` for resources; null = everywhere (the system actor). */
export function resourceScope(actor: Actor, perm: Permission = 'resource.read'): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, perm);
}

/** Whether the actor may do `perm` on a resource (or stock line) owned by the org at `org_path`. */
export function can(actor: Actor, perm: Permission, row: { org_path: string }): boolean {
  return hasPermissionIn(actor, perm, row.org_path);
}

/** What the actor may do next with a resource (buttons the web app shows). */
export function abilitiesOf(actor: Actor, row: { org_path: string; archived_at: Date | null }): { edit: boolean; archive: boolean } {
  const manage = can(actor, 'resource.manage', row);
  return { edit: manage && row.archived_at === null, archive: manage };
}
