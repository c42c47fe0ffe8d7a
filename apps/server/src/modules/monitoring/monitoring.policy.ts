import type { Permission } from '@vigil/shared';
import { hasPermissionIn, scopePaths, type Actor } from '../../platform/auth/actor.js';

/** Subtrees where the actor holds `perm` for monitoring rows; null = everywhere (the system actor). */
export function monitoringScope(actor: Actor, perm: Permission = 'monitoring.read'): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, perm);
}

/** Whether the actor may do `perm` on a device or installation owned by the org at `org_path`. */
export function can(actor: Actor, perm: Permission, row: { org_path: string }): boolean {
  return hasPermissionIn(actor, perm, row.org_path);
}

/** What the actor may do next with a device (buttons the web app shows). */
export function deviceAbilities(
  actor: Actor,
  row: { org_path: string; archived_at: Date | null },
): { edit: boolean; archive: boolean; rotateSecret: boolean } {
  const manage = can(actor, 'monitoring.manage', row);
  const live = row.archived_at === null;
  return { edit: manage && live, archive: manage && live, rotateSecret: manage && live };
}

/** What the actor may do next with a major hazard installation. */
export function installationAbilities(
  actor: Actor,
  row: { org_path: string; archived_at: Date | null },
): { edit: boolean; archive: boolean } {
  const manage = can(actor, 'monitoring.manage', row);
  return { edit: manage && row.archived_at === null, archive: manage && row.archived_at === null };
}
