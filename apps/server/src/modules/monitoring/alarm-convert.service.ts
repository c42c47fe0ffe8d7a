import { ALARM_EVENTS, type AlarmConvertInput, type AlarmDto, type AlarmIncidentDraft } from '@vigil/shared';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import { addTimelineEntry, createIncident } from '../incidents/index.js';
import { eventTypeFor, incidentDescription } from './alarm-incident.js';
import { alarmDb } from './alarm.tables.js';
import type { AlarmRow } from './alarm.repository.js';
import * as repo from './alarm.repository.js';
import { begin, finish, loadAlarm } from './alarms.service.js';

/** The source an incident converted from an alarm names (with the alarm id as its reference): converting twice gives one incident. */
export const ALARM_INCIDENT_SOURCE = 'vigil-alarm';

async function draftOf(ctx: Ctx, row: AlarmRow): Promise<AlarmIncidentDraft> {
  const db = alarmDb(ctx.tx);
  const eventType = eventTypeFor(row.category, row.metric);
  const [device, code] = await Promise.all([
    db.selectFrom('device').select('address').where('id', '=', row.device_id).executeTakeFirst(),
    db.selectFrom('code_table').select('name').where('family', '=', 'event').where('code', '=', eventType).executeTakeFirst(),
  ]);
  const firstAt = new Date(row.first_at);
  return {
    title: row.title.slice(0, 200),
    eventType,
    eventTypeName: code?.name ?? null,
    occurredAt: new Date(Math.min(firstAt.getTime(), ctx.now.getTime())).toISOString(),
    location: row.lng === null || row.lat === null ? null : { lng: Number(row.lng), lat: Number(row.lat) },
    address: device?.address ?? row.device_name,
    divisionCode: row.division_code,
    description: incidentDescription({
      title: row.title,
      message: row.message,
      level: row.level,
      firstAt,
      occurrences: Number(row.occurrences),
      deviceName: row.device_name,
      deviceCode: row.device_code,
      pointName: row.point_name,
      ruleName: row.rule_name,
      alarmId: row.id,
    }),
    // The alarm's org records it where the actor may; otherwise the actor's own org does.
    orgId: hasPermissionIn(ctx.actor, 'incident.create', row.org_path) ? row.org_id : (ctx.actor.orgId ?? row.org_id),
  };
}

/** The incident an alarm would become, for the person to check before converting. */
export async function incidentDraft(ctx: Ctx, id: string): Promise<AlarmIncidentDraft> {
  return draftOf(ctx, await loadAlarm(ctx, id, 'alarm.handle'));
}

/**
 * Converts an alarm into an incident (转为事件) through the incidents module: prefilled from the
 * alarm (event type, place, county, a description with the value and the limit), source 监测报警,
 * linked both ways (alarm.incident_id; the incident's timeline names the alarm). An active alarm is
 * acknowledged by the conversion. The incidents module checks `incident.create`.
 */
export async function convertAlarm(ctx: Ctx, id: string, input: AlarmConvertInput): Promise<AlarmDto> {
  const { row, next } = await begin(ctx, id, 'convert', input.version);
  const draft = await draftOf(ctx, row);
  const { incident } = await createIncident(ctx, {
    title: input.title ?? draft.title,
    eventType: input.eventType ?? draft.eventType,
    occurredAt: draft.occurredAt,
    location: draft.location ? { ...draft.location, crs: 'wgs84' } : null,
    address: draft.address,
    source: 'sensor_alarm',
    description: input.description ?? draft.description,
    orgId: draft.orgId,
    externalSource: ALARM_INCIDENT_SOURCE,
    externalRef: row.id,
  });
  await addTimelineEntry(ctx, incident.id, {
    kind: 'alarm.linked',
    summary: `由监测报警转入：${row.title}`,
    data: { alarmId: row.id, level: row.level, value: row.value, threshold: row.threshold },
  });
  const ack =
    next !== row.status ? { status: next, acknowledged_by: ctx.actor.userId, acknowledged_at: ctx.now, next_escalation_at: null } : {};
  await repo.updateAlarm(ctx.tx, id, { incident_id: incident.id, ...ack }, ctx.now);
  return finish(ctx, row, { kind: 'converted', event: ALARM_EVENTS.converted, data: { incidentId: incident.id } });
}
