import { ALARM_LEVELS, ALARM_STATUSES, type AlarmDetailDto, type AlarmDto, type AlarmListQuery, type PageOf } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { invalid } from '../../platform/errors.js';
import { alarmScope } from './alarm.policy.js';
import { presentAlarm, presentAlarmEvent } from './alarm.presenter.js';
import * as repo from './alarm.repository.js';
import { loadAlarm } from './alarms.service.js';

/** Opaque list cursor: the last item's first time and id. */
export function encodeAlarmCursor(at: Date, id: string): string {
  return Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');
}

export function decodeAlarmCursor(cursor: string): { at: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? null : { at: d, id };
}

/** The list filters of a query, in the repository's terms. */
export function alarmFilters(ctx: Ctx, q: Omit<AlarmListQuery, 'limit' | 'cursor'>): repo.AlarmFilters {
  const statuses =
    q.status === 'open'
      ? ALARM_STATUSES.filter((s) => s !== 'closed')
      : (q.status?.split(',') as (typeof ALARM_STATUSES)[number][] | undefined);
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from >= to) invalid('to', '结束时间应晚于开始时间');
  return {
    scope: alarmScope(ctx.actor),
    statuses,
    levels: q.level?.split(',').filter((l): l is (typeof ALARM_LEVELS)[number] => (ALARM_LEVELS as readonly string[]).includes(l)),
    deviceTypeCode: q.deviceTypeCode,
    category: q.category,
    enterpriseId: q.enterpriseId,
    divisionCode: q.divisionCode,
    deviceId: q.deviceId,
    ruleId: q.ruleId,
    falseAlarm: q.falseAlarm === undefined ? undefined : q.falseAlarm === 'true',
    from,
    to,
    q: q.q,
  };
}

/** Alarms in the actor's scope, newest first, filtered and paged. */
export async function listAlarms(ctx: Ctx, q: AlarmListQuery): Promise<PageOf<AlarmDto>> {
  const after = q.cursor ? decodeAlarmCursor(q.cursor) : null;
  if (q.cursor && !after) invalid('cursor', '游标无效');
  const f = alarmFilters(ctx, q);
  const rows = await repo.listAlarms(ctx.tx, f, after, q.limit);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentAlarm(ctx.actor, r)),
    nextCursor: rows.length > q.limit && last ? encodeAlarmCursor(last.first_at, last.id) : null,
    total: await repo.countAlarms(ctx.tx, f),
  };
}

/** One alarm with its timeline. */
export async function getAlarm(ctx: Ctx, id: string): Promise<AlarmDetailDto> {
  const row = await loadAlarm(ctx, id);
  const events = await repo.listEvents(ctx.tx, id);
  return { ...presentAlarm(ctx.actor, row), events: events.map(presentAlarmEvent) };
}
