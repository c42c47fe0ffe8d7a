import {
  ALARM_EVENTS,
  type AlarmAckInput,
  type AlarmAssignInput,
  type AlarmCloseInput,
  type AlarmCommentInput,
  type AlarmDto,
  type AlarmEscalateInput,
  type AlarmFalseInput,
  type Permission,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../notifications/index.js';
import { personTransition, type AlarmAction } from './alarm-status.js';
import { emitAlarm } from './alarm.events.js';
import { can } from './alarm.policy.js';
import { presentAlarm } from './alarm.presenter.js';
import * as repo from './alarm.repository.js';
import { escalateAlarm } from './escalation.service.js';
import { checkVersion } from './rules.service.js';

/**
 * Loads an alarm for the actor: 404 when missing, an audited 404 outside what they may read,
 * 403 when readable but `perm` is not held there. `lock` takes a row lock for an update.
 */
export async function loadAlarm(ctx: Ctx, id: string, perm: Permission = 'monitoring.read', lock = false): Promise<repo.AlarmRow> {
  const row = lock ? await repo.lockAlarm(ctx.tx, id) : await repo.findAlarm(ctx.tx, id);
  if (!row) notFound('报警', id);
  if (!can(ctx.actor, 'monitoring.read', row)) return denyOutOfScope(ctx, 'alarm', id);
  if (perm !== 'monitoring.read' && !can(ctx.actor, perm, row)) throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
  return row;
}

/** Locks the alarm, checks the version and that the action is open in its state: the status that follows. */
export async function begin(ctx: Ctx, id: string, action: AlarmAction, version: number | null) {
  const row = await loadAlarm(ctx, id, 'alarm.handle', true);
  if (version !== null) checkVersion(row, version);
  const next = personTransition(
    { status: row.status, acknowledged: row.acknowledged_at !== null, converted: row.incident_id !== null },
    action,
  );
  if (!next.ok) conflict(next.reason);
  return { row, next: next.value };
}

/** The event, audit row and `alarm.*` event of a person's step; returns the alarm as it now is. */
export async function finish(
  ctx: Ctx,
  before: repo.AlarmRow,
  step: { kind: string; event: string; note?: string | undefined; data?: Record<string, unknown> },
): Promise<AlarmDto> {
  await repo.insertEvents(ctx.tx, [
    {
      id: newId(),
      alarm_id: before.id,
      kind: step.kind,
      actor_id: ctx.actor.userId,
      at: ctx.now,
      note: step.note || null,
      data: step.data ?? null,
    },
  ]);
  const after = (await repo.findAlarm(ctx.tx, before.id))!;
  await recordAudit(ctx, {
    action: `alarm.${step.kind}`,
    entity: 'alarm',
    entityId: before.id,
    before: { status: before.status, version: before.version, assigneeId: before.assignee_id, falseAlarm: before.false_alarm },
    after: { status: after.status, version: after.version, ...(step.note ? { note: step.note } : {}), ...step.data },
  });
  await emitAlarm(ctx, step.event, after);
  return presentAlarm(ctx.actor, after);
}

/** Who an alarm can be assigned to: active users who may handle alarms of its org. */
export async function alarmAssignees(ctx: Ctx, id: string): Promise<{ id: string; name: string; orgName: string }[]> {
  const row = await loadAlarm(ctx, id, 'alarm.handle');
  return (await repo.handlersOf(ctx.tx, row.org_path)).map((u) => ({ id: u.id, name: u.display_name, orgName: u.org_name }));
}

/** Acknowledges an alarm (确认): its escalation stops. */
export async function acknowledgeAlarm(ctx: Ctx, id: string, input: AlarmAckInput): Promise<AlarmDto> {
  const { row, next } = await begin(ctx, id, 'acknowledge', input.version);
  await repo.updateAlarm(
    ctx.tx,
    id,
    { status: next, acknowledged_by: ctx.actor.userId, acknowledged_at: ctx.now, next_escalation_at: null },
    ctx.now,
  );
  return finish(ctx, row, { kind: 'acknowledged', event: ALARM_EVENTS.acknowledged, note: input.note });
}

/** Assigns an alarm to someone who may handle it there, and tells them in-app. */
export async function assignAlarm(ctx: Ctx, id: string, input: AlarmAssignInput): Promise<AlarmDto> {
  const { row } = await begin(ctx, id, 'assign', input.version);
  if (!(await repo.userHolds(ctx.tx, input.assigneeId, 'alarm.handle', row.org_path)))
    invalid('assigneeId', '该用户不能处置此报警（无 alarm.handle 权限或已停用）');
  await repo.updateAlarm(ctx.tx, id, { assignee_id: input.assigneeId }, ctx.now);
  await notify(ctx, {
    userIds: [input.assigneeId],
    title: `报警指派：${row.title}`.slice(0, 200),
    body: [row.message, input.note].filter(Boolean).join('\n').slice(0, 2000) || null,
    link: `/monitoring/alarms/${id}`,
    severity: row.level === 'red' ? 'critical' : 'warning',
  });
  return finish(ctx, row, { kind: 'assigned', event: ALARM_EVENTS.assigned, note: input.note, data: { assigneeId: input.assigneeId } });
}

/** Adds a comment to the alarm's timeline (no version: it changes nothing else). */
export async function commentAlarm(ctx: Ctx, id: string, input: AlarmCommentInput): Promise<AlarmDto> {
  const { row } = await begin(ctx, id, 'comment', null);
  return finish(ctx, row, { kind: 'commented', event: ALARM_EVENTS.commented, note: input.note });
}

/** Escalates now to the next step of the rule's chain (or the parent org's handlers beyond it). */
export async function escalateAlarmNow(ctx: Ctx, id: string, input: AlarmEscalateInput): Promise<AlarmDto> {
  const { row } = await begin(ctx, id, 'escalate', input.version);
  await escalateAlarm(ctx, row, { manual: true, note: input.note });
  return presentAlarm(ctx.actor, (await repo.findAlarm(ctx.tx, id))!);
}

/** Closes an acknowledged or cleared alarm (关闭). */
export async function closeAlarm(ctx: Ctx, id: string, input: AlarmCloseInput): Promise<AlarmDto> {
  const { row, next } = await begin(ctx, id, 'close', input.version);
  await repo.updateAlarm(ctx.tx, id, { status: next, closed_by: ctx.actor.userId, closed_at: ctx.now, next_escalation_at: null }, ctx.now);
  return finish(ctx, row, { kind: 'closed', event: ALARM_EVENTS.closed, note: input.note });
}

/** Labels an alarm as a false alarm (误报), or takes the label off; counted in the statistics. */
export async function labelFalseAlarm(ctx: Ctx, id: string, input: AlarmFalseInput): Promise<AlarmDto> {
  const { row } = await begin(ctx, id, 'false_alarm', input.version);
  if (row.false_alarm === input.falseAlarm) return presentAlarm(ctx.actor, row);
  await repo.updateAlarm(ctx.tx, id, { false_alarm: input.falseAlarm }, ctx.now);
  return finish(ctx, row, {
    kind: input.falseAlarm ? 'false_alarm' : 'false_alarm_removed',
    event: ALARM_EVENTS.falseAlarm,
    note: input.note,
    data: { falseAlarm: input.falseAlarm },
  });
}
