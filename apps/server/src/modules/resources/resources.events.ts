import type { Ctx } from '../../platform/ctx.js';
import { emit } from '../../platform/events/outbox.js';
import type { ResourceRow } from './resources.repository.js';

/** The realtime topic of resource events. */
export const RESOURCES_TOPIC = 'resources';
export const RESOURCE_CHANGED = 'resource.changed';

export type ResourceChange = 'created' | 'updated' | 'archived' | 'restored' | 'status_changed' | 'stock_changed';

/**
 * Emits `resource.changed` in the use case's transaction (the map refreshes its tiles, the command
 * module its lists): delivered to users who can see the resource's org and hold `resource.read`.
 */
export async function emitResourceChanged(ctx: Ctx, row: ResourceRow, change: ResourceChange, extra: Record<string, unknown> = {}) {
  await emit(
    ctx,
    RESOURCE_CHANGED,
    { resourceId: row.id, kind: row.kind, orgId: row.org_id, name: row.name, status: row.status, version: row.version, change, ...extra },
    { topic: RESOURCES_TOPIC, orgPath: row.org_path, permission: 'resource.read' },
  );
}
