import type { AlarmDto, AlarmEventDto, AlarmEventPayload } from '@vigil/shared';
import type { Actor } from '../../platform/auth/actor.js';
import { alarmAbilities } from './alarm.policy.js';
import type { AlarmEventRow, AlarmRow } from './alarm.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const num = (v: number | null) => (v === null ? null : Number(v));

/** Row → what an `alarm.*` event carries (the same fields as the DTO, without abilities). */
export function alarmPayload(r: AlarmRow): AlarmEventPayload {
  return {
    id: r.id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    ruleKind: r.rule_kind,
    subjectKey: r.subject_key,
    deviceId: r.device_id,
    deviceCode: r.device_code,
    deviceName: r.device_name,
    deviceTypeCode: r.device_type_code,
    deviceTypeName: r.device_type_name,
    category: r.category,
    pointId: r.point_id,
    pointName: r.point_name,
    metric: r.metric,
    unit: r.unit,
    orgId: r.org_id,
    orgName: r.org_name,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    divisionCode: r.division_code,
    countyName: r.county_name,
    location: r.lng === null || r.lat === null ? null : { lng: Number(r.lng), lat: Number(r.lat) },
    level: r.level,
    status: r.status,
    title: r.title,
    message: r.message,
    value: num(r.value),
    threshold: num(r.threshold),
    firstAt: iso(r.first_at)!,
    lastAt: iso(r.last_at)!,
    occurrences: Number(r.occurrences),
    acknowledgedBy: r.acknowledged_by_name,
    acknowledgedAt: iso(r.acknowledged_at),
    clearedAt: iso(r.cleared_at),
    closedBy: r.closed_by_name,
    closedAt: iso(r.closed_at),
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    falseAlarm: r.false_alarm,
    escalationStep: Number(r.escalation_step),
    nextEscalationAt: iso(r.next_escalation_at),
    incidentId: r.incident_id,
    version: Number(r.version),
  };
}

/** Row → DTO with what this actor may do next. */
export function presentAlarm(actor: Actor, r: AlarmRow): AlarmDto {
  return {
    ...alarmPayload(r),
    abilities: alarmAbilities(actor, {
      org_path: r.org_path,
      status: r.status,
      acknowledged: r.acknowledged_at !== null,
      converted: r.incident_id !== null,
    }),
  };
}

export function presentAlarmEvent(e: AlarmEventRow): AlarmEventDto {
  return { id: e.id, kind: e.kind, actorName: e.actor_name, at: iso(e.at)!, note: e.note, data: e.data ?? null };
}
