import {
  REPORTING_EVENTS,
  type InstructionDto,
  type InstructionEventPayload,
  type IssueInstructionInput,
  type MyInstructionsQuery,
  type PageOf,
} from '@vigil/shared';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { onDutyUserIds } from '../duty/index.js';
import { addTimelineEntry, findIncidentForActor } from '../incidents/index.js';
import { notify } from '../notifications/index.js';
import { addMinutes, pickRule } from './deadline-rules.js';
import { isOpenStatus } from './deadlines.js';
import { loadRules } from './deadlines.repository.js';
import * as repo from './instructions.repository.js';
import { resolveTargets } from './instruction-targets.js';
import { presentInstruction } from './reporting.presenter.js';
import { actorName, decodeCursor, encodeCursor } from './reporting-scope.js';

const TOPIC = 'instructions';
const MAX_DUE_DAYS = 30;

type Target = Awaited<ReturnType<typeof repo.lockTargets>>[number];

/** Which targets the actor answers for: themselves, or their own org when they hold `incident.update` there or are on duty. */
async function actsFor(ctx: Ctx): Promise<(t: Pick<Target, 'user_id' | 'org_id' | 'org_path'>) => boolean> {
  const { userId, orgId } = ctx.actor;
  const onDuty = orgId && userId ? (await onDutyUserIds(ctx.tx, { orgId, at: ctx.now })).includes(userId) : false;
  return (t) =>
    (t.user_id !== null && t.user_id === userId) ||
    (t.user_id === null && t.org_id === orgId && (onDuty || hasPermissionIn(ctx.actor, 'incident.update', t.org_path)));
}

async function present(ctx: Ctx, rows: repo.InstructionRow[]): Promise<InstructionDto[]> {
  const targets = await repo.targetsOf(
    ctx.tx,
    rows.map((r) => r.id),
  );
  const mine = await actsFor(ctx);
  return rows.map((r) => presentInstruction(r, targets, mine));
}

async function payloadOf(ctx: Ctx, i: repo.InstructionRow): Promise<InstructionEventPayload> {
  const targets = await repo.targetsOf(ctx.tx, [i.id]);
  return {
    instructionId: i.id,
    incidentId: i.incident_id,
    incidentTitle: i.incident_title,
    targetIds: targets.map((t) => t.id),
    openTargets: targets.filter((t) => !t.feedback_at).length,
  };
}

/**
 * 领导批示: an instruction on an incident for named people and/or orgs, each of whom must
 * acknowledge and report back by `dueAt` (default from the `instruction_feedback` rule, 2 h).
 */
export async function issueInstruction(ctx: Ctx, incidentId: string, input: IssueInstructionInput): Promise<InstructionDto> {
  const incident = await findIncidentForActor(ctx, incidentId);
  if (!hasPermissionIn(ctx.actor, 'incident.instruct', incident.org_path)) forbidden('缺少权限 incident.instruct');
  if (!isOpenStatus(incident.status)) conflict('事件已结束或已合并，不能再作批示');
  let dueAt: Date;
  if (input.dueAt) {
    dueAt = new Date(input.dueAt);
    if (dueAt.getTime() <= ctx.now.getTime()) invalid('dueAt', '反馈时限须晚于当前时间');
    if (dueAt.getTime() > addMinutes(ctx.now, MAX_DUE_DAYS * 1440).getTime()) invalid('dueAt', `反馈时限不能超过 ${MAX_DUE_DAYS} 天`);
  } else {
    const rule = pickRule(await loadRules(ctx.tx), 'instruction_feedback', incident.event_type, incident.grade);
    dueAt = addMinutes(ctx.now, rule?.offsetMinutes ?? 120);
  }
  const targets = await resolveTargets(ctx, input.targets);
  const id = newId();
  const row = {
    id,
    incident_id: incident.id,
    org_id: incident.org_id,
    org_path: incident.org_path,
    incident_title: incident.title,
    text: input.text,
    author_id: ctx.actor.userId,
    author_name: actorName(ctx.actor),
    issued_at: ctx.now,
    due_at: dueAt,
  };
  await repo.insertInstruction(ctx.tx, row);
  const targetRows = targets.map((t) => ({ id: newId(), instruction_id: id, user_id: t.userId, org_id: t.orgId, org_path: t.orgPath }));
  await repo.insertTargets(ctx.tx, targetRows);
  await repo.insertTargetDeadlines(
    ctx.tx,
    targetRows.map((t) => ({
      id: newId(),
      incident_id: incident.id,
      incident_title: incident.title,
      org_id: t.org_id,
      org_path: t.org_path,
      target_id: t.id,
      due_at: dueAt,
      now: ctx.now,
    })),
  );
  const names = targets.map((t) => t.name).join('、');
  await recordAudit(ctx, {
    action: 'instruction.issued',
    entity: 'instruction',
    entityId: id,
    after: { incidentId: incident.id, targets: targets.map((t) => ({ userId: t.userId, orgId: t.orgId })), dueAt },
  });
  await addTimelineEntry(ctx, incident.id, {
    kind: 'instruction.issued',
    summary: `${row.author_name}批示（交${names}办理）：${input.text}`,
    data: { instructionId: id },
  });
  const inserted = (await repo.findInstruction(ctx.tx, id))!;
  await emit(ctx, REPORTING_EVENTS.instructionIssued, await payloadOf(ctx, inserted), {
    topic: TOPIC,
    orgPath: incident.org_path,
    permission: 'incident.read',
  });
  const people = new Set(targets.flatMap((t) => t.people));
  if (ctx.actor.userId) people.delete(ctx.actor.userId);
  if (people.size > 0)
    await notify(ctx, {
      userIds: [...people],
      title: `领导批示：${incident.title}`.slice(0, 200),
      body: `${row.author_name}：${input.text}`.slice(0, 2000),
      link: `/incidents/${incident.id}`,
      severity: 'warning',
    });
  return (await present(ctx, [inserted]))[0]!;
}

/** Loads an instruction the actor may see (its incident, or as a target) with its locked targets. */
async function loadForTarget(ctx: Ctx, id: string) {
  const instruction = (await repo.findInstruction(ctx.tx, id)) ?? notFound('批示', id);
  const targets = await repo.lockTargets(ctx.tx, id);
  const isMine = await actsFor(ctx);
  const mine = targets.filter(isMine);
  if (mine.length === 0) {
    if (!hasPermissionIn(ctx.actor, 'incident.read', instruction.org_path)) return denyOutOfScope(ctx, 'instruction', id);
    forbidden('您不是该批示的办理对象');
  }
  return { instruction, mine };
}

async function tellAuthor(ctx: Ctx, i: repo.InstructionRow, title: string, body: string | null): Promise<void> {
  if (!i.author_id || i.author_id === ctx.actor.userId) return;
  await notify(ctx, { userIds: [i.author_id], title: title.slice(0, 200), body, link: `/incidents/${i.incident_id}`, severity: 'info' });
}

/** A target acknowledges receipt of the instruction (idempotent). */
export async function acknowledgeInstruction(ctx: Ctx, id: string): Promise<InstructionDto> {
  const { instruction, mine } = await loadForTarget(ctx, id);
  const toAck = mine.filter((t) => !t.acknowledged_at).map((t) => t.id);
  if (toAck.length > 0) {
    await repo.acknowledgeTargets(ctx.tx, toAck, ctx.now, { id: ctx.actor.userId, name: actorName(ctx.actor) });
    await recordAudit(ctx, { action: 'instruction.acknowledged', entity: 'instruction', entityId: id, after: { targetIds: toAck } });
    await addTimelineEntry(ctx, instruction.incident_id, {
      kind: 'instruction.acknowledged',
      summary: `${actorName(ctx.actor)}已签收批示`,
      data: { instructionId: id, targetIds: toAck },
    });
    await emit(ctx, REPORTING_EVENTS.instructionAcknowledged, await payloadOf(ctx, instruction), {
      topic: TOPIC,
      orgPath: instruction.org_path,
      permission: 'incident.read',
    });
    await tellAuthor(ctx, instruction, `批示已签收：${instruction.incident_title}`, `${actorName(ctx.actor)}已签收`);
  }
  return (await present(ctx, [instruction]))[0]!;
}

/** A target reports back on the instruction; this meets its feedback deadline. */
export async function answerInstruction(ctx: Ctx, id: string, text: string): Promise<InstructionDto> {
  const { instruction, mine } = await loadForTarget(ctx, id);
  const open = mine.filter((t) => !t.feedback_at).map((t) => t.id);
  if (open.length === 0) throw new AppError('CONFLICT', '已反馈过该批示');
  const by = { id: ctx.actor.userId, name: actorName(ctx.actor) };
  await repo.acknowledgeTargets(ctx.tx, open, ctx.now, by);
  await repo.answerTargets(ctx.tx, open, text, ctx.now, by);
  await repo.satisfyTargetDeadlines(ctx.tx, open, ctx.now);
  await recordAudit(ctx, { action: 'instruction.answered', entity: 'instruction', entityId: id, after: { targetIds: open, text } });
  await addTimelineEntry(ctx, instruction.incident_id, {
    kind: 'instruction.answered',
    summary: `${by.name}反馈批示办理情况：${text}`,
    data: { instructionId: id, targetIds: open },
  });
  await emit(ctx, REPORTING_EVENTS.instructionAnswered, await payloadOf(ctx, instruction), {
    topic: TOPIC,
    orgPath: instruction.org_path,
    permission: 'incident.read',
  });
  await tellAuthor(ctx, instruction, `批示已反馈：${instruction.incident_title}`, `${by.name}：${text}`.slice(0, 2000));
  return (await present(ctx, [instruction]))[0]!;
}

/** The instructions on an incident, oldest first, with every target's acknowledgement and feedback. */
export async function instructionsOfIncident(ctx: Ctx, incidentId: string): Promise<PageOf<InstructionDto>> {
  const incident = await findIncidentForActor(ctx, incidentId);
  const rows = await repo.instructionsOfIncident(ctx.tx, incident.id);
  return { items: await present(ctx, rows), nextCursor: null, total: rows.length };
}

/** Instructions addressed to the actor or their org, newest first; `open=true` only those still to be answered. */
export async function myInstructions(ctx: Ctx, q: MyInstructionsQuery): Promise<PageOf<InstructionDto>> {
  const after = decodeCursor(q.cursor);
  if (!ctx.actor.userId) return { items: [], nextCursor: null, total: 0 };
  const f: repo.MineFilter = {
    userId: ctx.actor.userId,
    orgId: ctx.actor.orgId,
    open: q.open === undefined ? undefined : q.open === 'true',
  };
  const rows = await repo.mine(ctx.tx, f, after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: await present(ctx, page),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.issued_at, last.id) : null,
    total: await repo.countMine(ctx.tx, f),
  };
}
