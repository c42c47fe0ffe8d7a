import { DEADLINE_KIND_ZH, REPORTING_EVENTS, type DeadlineKind, type ReportOverduePayload } from '@vigil/shared';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { inTransaction, NO_META, type Ctx, type Platform } from '../../platform/ctx.js';
import { emit } from '../../platform/events/outbox.js';
import { addTimelineEntry } from '../incidents/index.js';
import { notify } from '../notifications/index.js';
import { addMinutes } from './deadline-rules.js';
import { reminderDue, REMINDER_MINUTES } from './deadlines.js';
import * as dl from './deadlines.repository.js';
import { findInstruction, targetsOf } from './instructions.repository.js';
import { orgTargetPeople, overdueRecipients, reportDesk } from './recipients.js';
import { beijingTime } from './reporting-scope.js';

const BATCH = 100;

/** Who hears about one deadline: the responsible desk (and, once overdue, its leaders or the instruction's author). */
async function recipientsOf(ctx: Ctx, d: dl.DeadlineRow, overdue: boolean): Promise<string[]> {
  if (d.kind !== 'instruction_feedback')
    return overdue ? overdueRecipients(ctx.tx, d.org_id, ctx.now) : reportDesk(ctx.tx, d.org_id, ctx.now);
  const ids = new Set<string>();
  const target = d.instruction_id ? (await targetsOf(ctx.tx, [d.instruction_id])).find((t) => t.id === d.instruction_target_id) : undefined;
  if (target?.user_id) ids.add(target.user_id);
  else if (target) for (const u of await orgTargetPeople(ctx.tx, target.org_id, ctx.now)) ids.add(u);
  if (overdue && d.instruction_id) {
    const author = (await findInstruction(ctx.tx, d.instruction_id))?.author_id;
    if (author) ids.add(author);
  }
  return [...ids].sort();
}

async function tell(ctx: Ctx, userIds: string[], title: string, body: string, d: dl.DeadlineRow, critical: boolean): Promise<void> {
  if (userIds.length === 0) return;
  await notify(ctx, {
    userIds,
    title: title.slice(0, 200),
    body: body.slice(0, 2000),
    link: `/incidents/${d.incident_id}`,
    severity: critical ? 'critical' : 'warning',
  });
}

/** Marks one deadline overdue (迟报) exactly once: notification, event, audit and timeline in one transaction. */
async function markOneOverdue(platform: Platform, d: dl.DeadlineRow): Promise<boolean> {
  return inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    if (!(await dl.markOverdue(ctx.tx, d.id, ctx.now))) return false;
    const what = DEADLINE_KIND_ZH[d.kind as DeadlineKind];
    const due = beijingTime(d.due_at);
    await tell(
      ctx,
      await recipientsOf(ctx, d, true),
      `${d.kind === 'instruction_feedback' ? '批示反馈超时' : '迟报'}：${d.incident_title}（${what}）`,
      `${d.org_name}应于 ${due} 前完成${what}，现已超时，请立即处理。`,
      d,
      true,
    );
    const payload: ReportOverduePayload = {
      deadlineId: d.id,
      incidentId: d.incident_id,
      incidentTitle: d.incident_title,
      kind: d.kind as DeadlineKind,
      orgId: d.org_id,
      dueAt: new Date(d.due_at).toISOString(),
      instructionId: d.instruction_id,
    };
    await emit(ctx, REPORTING_EVENTS.overdue, payload, { topic: 'reports', orgPath: d.org_path, permission: 'incident.read' });
    await recordAudit(ctx, {
      action: 'report.deadline_overdue',
      entity: 'report_deadline',
      entityId: d.id,
      after: { incidentId: d.incident_id, kind: d.kind, orgId: d.org_id, dueAt: d.due_at },
    });
    await addTimelineEntry(ctx, d.incident_id, {
      kind: 'report.overdue',
      summary: `${d.org_name}${what}超时（应于 ${due} 前完成）`,
      data: { deadlineId: d.id, kind: d.kind, orgId: d.org_id },
    });
    return true;
  });
}

/** Sends the reminder owed for one deadline (15 or 5 minutes before), once per stage. */
async function remindOne(platform: Platform, d: dl.DeadlineRow): Promise<boolean> {
  return inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    const stage = reminderDue(d.due_at, d.reminded_at, ctx.now);
    if (stage === null || !(await dl.markReminded(ctx.tx, d.id, ctx.now, addMinutes(d.due_at, -stage)))) return false;
    const what = DEADLINE_KIND_ZH[d.kind as DeadlineKind];
    await tell(
      ctx,
      await recipientsOf(ctx, d, false),
      `即将超时：${d.incident_title}（${what}）`,
      `${d.org_name}须于 ${beijingTime(d.due_at)} 前完成${what}，还剩约 ${stage} 分钟。`,
      d,
      false,
    );
    await recordAudit(ctx, {
      action: 'report.deadline_reminded',
      entity: 'report_deadline',
      entityId: d.id,
      after: { minutesBefore: stage },
    });
    return true;
  });
}

/** Works through batches until nothing is left; one failing row is logged and skipped, never blocks the rest. */
async function drain(
  platform: Platform,
  load: () => Promise<dl.DeadlineRow[]>,
  act: (d: dl.DeadlineRow) => Promise<boolean>,
): Promise<number> {
  const seen = new Set<string>();
  let done = 0;
  for (;;) {
    const batch = (await load()).filter((d) => !seen.has(d.id));
    if (batch.length === 0) return done;
    for (const d of batch) {
      seen.add(d.id);
      try {
        if (await act(d)) done++;
      } catch (err) {
        platform.log.error({ err, deadlineId: d.id }, 'deadline sweep failed for one deadline');
      }
    }
  }
}

/**
 * The worker's deadline sweep (every 30 s): marks every deadline that fell due as overdue and tells
 * the responsible people, then sends the reminders owed. All state is in `report_deadline`, so a run
 * after downtime catches up on everything that fell due meanwhile, each exactly once.
 */
export async function runDeadlineJob(platform: Platform): Promise<{ overdue: number; reminded: number }> {
  const now = platform.clock.now();
  const overdue = await drain(
    platform,
    () => dl.fallenDue(platform.db, now, BATCH),
    (d) => markOneOverdue(platform, d),
  );
  const reminded = await drain(
    platform,
    () => dl.reminderCandidates(platform.db, now, REMINDER_MINUTES, BATCH),
    (d) => remindOne(platform, d),
  );
  return { overdue, reminded };
}
