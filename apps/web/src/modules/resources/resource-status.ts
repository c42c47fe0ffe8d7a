import { RESOURCE_STATUSES, type ResourceKind } from '@vigil/shared';

/** Tag colours of the statuses: ready = green, busy = orange/blue, out of service = grey. */
const STATUS_COLOR: Record<string, string> = {
  available: 'green',
  active: 'green',
  open: 'green',
  on_mission: 'orange',
  in_use: 'blue',
  full: 'orange',
  resting: 'blue',
  maintenance: 'gold',
  unavailable: 'default',
  inactive: 'default',
  closed: 'default',
  retired: 'default',
};

/** The colour of a status tag (grey for a status the UI does not know). */
export function statusColor(status: string): string {
  return STATUS_COLOR[status] ?? 'default';
}

/** The statuses a kind allows, in the order the contracts list them. */
export function statusesOf(kind: ResourceKind): string[] {
  return Object.keys(RESOURCE_STATUSES[kind]);
}
