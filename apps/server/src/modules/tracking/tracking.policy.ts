import type { Permission } from '@vigil/shared';
import { hasPermissionIn, scopePaths, type Actor } from '../../platform/auth/actor.js';

/**
 * Field positions belong to command: they are seen by command readers of the tracker's org
 * subtree, trackers are registered and managed by dispatchers, and a person shares their own
 * phone's position when they work on tasks.
 */
export const TRACKING_READ: Permission = 'command.read';
export const TRACKING_MANAGE: Permission = 'command.dispatch';
export const TRACKING_SHARE: Permission = 'task.update';

/** Org subtrees whose trackers the actor sees; null = everywhere (the system). */
export function trackingScope(actor: Actor): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, TRACKING_READ);
}

export function canManage(actor: Actor, row: { org_path: string }): boolean {
  return hasPermissionIn(actor, TRACKING_MANAGE, row.org_path);
}
