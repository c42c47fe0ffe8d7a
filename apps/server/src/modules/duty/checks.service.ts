import {
  DEFAULT_DUTY_SETTINGS,
  DUTY_EVENTS,
  DutySettingsDto,
  type CreateDutyCheckInput,
  type DutyCheckDto,
  type DutyCheckQuery,
  type DutyCheckStatsDto,
  type DutyCheckStatsQuery,
  type PageOf,
} from '@vigil/shared';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import { refuse } from '../../platform/audit/audited-error.js';
import { canSeeOrg, scopePaths } from '../../platform/auth/actor.js';
import { authorizeRow, denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../notifications/index.js';
import { findOrg } from '../orgs/index.js';
import * as checks from './checks.repository.js';
import type { CheckRow } from './checks.repository.js';
import { decodeCursor, pageOf } from './duty-cursor.js';
import { actingUser, dutyOrg, supervises } from './duty.policy.js';
import { iso, isoOrNull } from './duty.presenter.js';
import { dutyTopic } from './roster.service.js';
import * as repo from './shifts.repository.js';
import { checkOutcome } from './sign-window.js';

/** The duty desk settings (minutes to acknowledge a check), defaults where unset. */
export async function dutySettings(db: Kysely<Database>): Promise<DutySettingsDto> {
  const parsed = DutySettingsDto.safeParse({ ...DEFAULT_DUTY_SETTINGS, ...((await checks.readDutySettings(db)) as object | undefined) });
  return parsed.success ? parsed.data : DEFAULT_DUTY_SETTINGS;
}

/** Changes the duty desk settings (audited). */
export async function updateDutySettings(ctx: Ctx, input: DutySettingsDto): Promise<DutySettingsDto> {
  const before = await dutySettings(ctx.tx);
  await checks.writeDutySettings(ctx.tx, input, ctx.actor.userId, ctx.now);
  await recordAudit(ctx, { action: 'duty.settings_updated', entity: 'setting', entityId: 'duty', before, after: input });
  return input;
}

/** Check row → API shape. */
export function presentCheck(c: CheckRow): DutyCheckDto {
  return {
    id: c.id,
    orgId: c.org_id,
    orgName: c.org_name,
    message: c.message,
    sentBy: { id: c.sent_by, name: c.sent_by_name },
    sentAt: iso(c.sent_at),
    ackMinutes: c.ack_minutes,
    dueAt: iso(c.due_at),
    status: c.status,
    notifiedCount: c.notified_count,
    ackedBy: c.acked_by ? { id: c.acked_by, name: c.acked_by_name ?? '' } : null,
    ackedAt: isoOrNull(c.acked_at),
    responseSeconds: c.response_seconds,
    late: Boolean(c.acked_at && new Date(c.acked_at) > new Date(c.due_at)),
  };
}

/**
 * A supervisor (`duty.manage` on an ancestor org) checks on an org's duty desk (查岗): the
 * officers on duty there are notified (critical) and must acknowledge within the set minutes.
 */
export async function sendCheck(ctx: Ctx, input: CreateDutyCheckInput): Promise<DutyCheckDto> {
  actingUser(ctx);
  const org = (await findOrg(ctx.tx, input.orgId)) ?? notFound('组织', input.orgId);
  if (!canSeeOrg(ctx.actor, org.path)) await denyOutOfScope(ctx, 'org', org.id);
  if (!supervises(ctx.actor, org.path))
    refuse('FORBIDDEN', '只有上级单位的排班管理人员可以查岗', { action: 'duty.check_sent', entity: 'org', entityId: org.id });
  const { checkAckMinutes } = await dutySettings(ctx.tx);
  const id = newId();
  const dueAt = new Date(ctx.now.getTime() + checkAckMinutes * 60_000);
  const onDuty = await repo.onDutyUsers(ctx.tx, org.id, ctx.now);
  const { recipientUserIds } = await notify(ctx, {
    ...(onDuty.length > 0 ? { userIds: onDuty } : { orgId: org.id }),
    title: `查岗：请在 ${checkAckMinutes} 分钟内应答`,
    body: `${ctx.actor.displayName ?? ''}：${input.message}`.slice(0, 2000),
    link: `/duty/checks/${id}`,
    severity: 'critical',
  });
  await checks.insertCheck(ctx.tx, {
    id,
    org_id: org.id,
    org_path: org.path,
    message: input.message,
    sent_by: ctx.actor.userId,
    sent_by_name: ctx.actor.displayName ?? ctx.actor.username ?? '',
    sent_at: ctx.now,
    ack_minutes: checkAckMinutes,
    due_at: dueAt,
    notified_count: recipientUserIds.length,
  });
  await recordAudit(ctx, {
    action: 'duty.check_sent',
    entity: 'duty_check',
    entityId: id,
    after: { orgId: org.id, recipients: recipientUserIds.length, dueAt },
  });
  await emit(ctx, DUTY_EVENTS.checkSent, { checkId: id, orgId: org.id, dueAt, recipientUserIds }, dutyTopic(org.path));
  return presentCheck((await checks.findCheck(ctx.tx, id))!);
}

/** An officer of the checked org acknowledges; the response time is recorded (late answers count as missed). */
export async function ackCheck(ctx: Ctx, id: string): Promise<DutyCheckDto> {
  const me = actingUser(ctx);
  const c = await authorizeRow(ctx, 'duty.sign', 'duty_check', id, await checks.findCheck(ctx.tx, id), 'duty.read');
  if (ctx.actor.orgId !== c.org_id) throw new AppError('FORBIDDEN', '只有被查岗单位的值班人员可以应答');
  if (c.acked_at) conflict('该查岗已应答');
  const outcome = checkOutcome(c, ctx.now);
  if (
    !(await checks.ackCheck(ctx.tx, id, {
      acked_by: me,
      acked_at: ctx.now,
      response_seconds: outcome.responseSeconds,
      status: outcome.status,
    }))
  )
    conflict('该查岗已应答');
  await recordAudit(ctx, { action: 'duty.check_acknowledged', entity: 'duty_check', entityId: id, after: outcome });
  await emit(ctx, DUTY_EVENTS.checkAcknowledged, { checkId: id, orgId: c.org_id, ...outcome }, dutyTopic(c.org_path));
  if (c.sent_by)
    await notify(ctx, {
      userIds: [c.sent_by],
      title: `查岗已应答：${c.org_name}（${outcome.responseSeconds} 秒${outcome.late ? '，已超时' : ''}）`,
      link: `/duty/checks/${id}`,
      severity: 'info',
    });
  return presentCheck((await checks.findCheck(ctx.tx, id))!);
}

async function checkPaths(ctx: Ctx, orgId: string | undefined): Promise<string[]> {
  return orgId ? [(await dutyOrg(ctx, orgId, 'duty.read')).path] : scopePaths(ctx.actor, 'duty.read');
}

/** Checks of the actor's subtree (or one org's), newest first. */
export async function listChecks(ctx: Ctx, q: DutyCheckQuery): Promise<PageOf<DutyCheckDto>> {
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from >= to) invalid('to', '结束时间应晚于开始时间');
  const filter = { paths: await checkPaths(ctx, q.orgId), from, to, status: q.status };
  const rows = await checks.listChecks(ctx.tx, { ...filter, after: decodeCursor(q.cursor), limit: q.limit + 1 });
  return pageOf(rows, q.limit, await checks.countChecks(ctx.tx, filter), presentCheck, (r) => [r.sent_at, r.id]);
}

/** One check. */
export async function getCheck(ctx: Ctx, id: string): Promise<DutyCheckDto> {
  return presentCheck(await authorizeRow(ctx, 'duty.read', 'duty_check', id, await checks.findCheck(ctx.tx, id)));
}

/** Response times per checked org over a period (查岗统计). */
export async function checkStats(ctx: Ctx, q: DutyCheckStatsQuery): Promise<DutyCheckStatsDto> {
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (from >= to) invalid('to', '结束时间应晚于开始时间');
  const rows = await checks.checkStats(ctx.tx, { paths: await checkPaths(ctx, q.orgId), from, to });
  return {
    items: rows.map((r) => ({
      orgId: r.org_id,
      orgName: r.org_name,
      total: Number(r.total),
      answered: Number(r.answered),
      missed: Number(r.missed),
      pending: Number(r.pending),
      late: Number(r.late),
      avgResponseSeconds: r.avg_response === null ? null : Math.round(Number(r.avg_response) * 10) / 10,
      maxResponseSeconds: r.max_response === null ? null : Number(r.max_response),
    })),
  };
}
