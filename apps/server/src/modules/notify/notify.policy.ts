import { hasPermissionIn, scopePaths, type Actor } from '../../platform/auth/actor.js';

/** Subtrees whose deliveries the actor sees; null = everywhere (the system actor). */
export function deliveryScope(actor: Actor): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, 'notify.read');
}

/** Subtrees whose subscribers the actor manages; null = everywhere (the system actor). */
export function subscriberScope(actor: Actor): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, 'notify.manage');
}

/** Whether the actor manages dissemination for an org (retries, subscribers, unmasked addresses). */
export function canManage(actor: Actor, orgPath: string): boolean {
  return hasPermissionIn(actor, 'notify.manage', orgPath);
}

/** Whether the actor sees an org's deliveries. */
export function canRead(actor: Actor, orgPath: string): boolean {
  return hasPermissionIn(actor, 'notify.read', orgPath) || canManage(actor, orgPath);
}
