import type { DeadLetterDto, DeadLetterListQuery, PageOf } from '@vigil/shared';
import { scopePaths } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import { countDeadLetters, listDeadLetters, type DeadLetterRow } from './reading-dead-letters.repository.js';

/** Totals above this are reported as this (counting a large table exactly is not worth it). */
const COUNT_CAP = 100_000;

function present(r: DeadLetterRow): DeadLetterDto {
  return {
    id: Number(r.id),
    receivedAt: new Date(r.received_at).toISOString(),
    transport: r.transport,
    deviceCode: r.device_code,
    deviceId: r.device_id,
    metric: r.metric,
    reason: r.reason,
    detail: r.detail,
    payload: r.payload,
  };
}

/**
 * Refused telemetry of the devices in the caller's monitoring scope, newest first. Letters that
 * name no known device (a wrong code, a stranger on the broker) belong to no org: only callers
 * with city-wide scope (a root org path) see them.
 */
export async function listDeadLetterPage(ctx: Ctx, q: DeadLetterListQuery): Promise<PageOf<DeadLetterDto>> {
  const paths = ctx.actor.kind === 'system' ? null : scopePaths(ctx.actor, 'monitoring.read');
  const filter = { paths, includeUnknown: paths === null || paths.some((p) => !p.includes('.')), deviceId: q.deviceId, reason: q.reason };
  const [rows, total] = await Promise.all([
    listDeadLetters(ctx.tx, { ...filter, beforeId: q.cursor === undefined ? undefined : Number(q.cursor), limit: q.limit + 1 }),
    countDeadLetters(ctx.tx, filter, COUNT_CAP),
  ]);
  const items = rows.slice(0, q.limit).map(present);
  const more = rows.length > q.limit;
  return { items, nextCursor: more ? String(items[items.length - 1]!.id) : null, total };
}
