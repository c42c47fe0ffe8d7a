import type { AlarmAbilities, Permission } from '@vigil/shared';
import { hasPermission, hasPermissionIn, scopePaths, type Actor } from '../../platform/auth/actor.js';
import { availableActions, type AlarmFacts } from './alarm-status.js';

/** Subtrees where the actor holds `perm` for rules and alarms; null = everywhere (the system actor). */
export function alarmScope(actor: Actor, perm: Permission = 'monitoring.read'): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, perm);
}

/** Whether the actor may do `perm` on a rule, policy or alarm owned by the org at `org_path`. */
export function can(actor: Actor, perm: Permission, row: { org_path: string }): boolean {
  return hasPermissionIn(actor, perm, row.org_path);
}

/** What the actor may do next with an alarm (the buttons the web app shows). */
export function alarmAbilities(actor: Actor, row: { org_path: string } & AlarmFacts): AlarmAbilities {
  const handle = can(actor, 'alarm.handle', row);
  const open = new Set(handle ? availableActions(row) : []);
  return {
    acknowledge: open.has('acknowledge'),
    assign: open.has('assign'),
    comment: open.has('comment'),
    escalate: open.has('escalate'),
    close: open.has('close'),
    falseAlarm: open.has('false_alarm'),
    // The incident goes to the alarm's org where the actor records incidents, else to their own.
    convert: open.has('convert') && hasPermission(actor, 'incident.create'),
  };
}
