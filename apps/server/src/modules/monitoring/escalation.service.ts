import { ALARM_EVENTS, ALARM_LEVEL_ZH, EscalationStep, type AlarmLevel } from '@vigil/shared';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { inTransaction, NO_META, type Ctx, type Platform } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../notifications/index.js';
import { emitAlarm } from './alarm.events.js';
import * as repo from './alarm.repository.js';

const ORG_INDEX = { own: 0, parent: 1, grandparent: 2 } as const;

/** The step a manual escalation takes when the rule has no (more) steps: the parent org's alarm handlers. */
const DEFAULT_STEP: EscalationStep = { afterMinutes: 0, orgLevel: 'parent' };

function parseSteps(raw: unknown[]): EscalationStep[] {
  return raw.flatMap((s) => {
    const p = EscalationStep.safeParse(s);
    return p.success ? [p.data] : [];
  });
}

/**
 * Takes an alarm's next escalation step: notifies the step's people in-app (named users, holders
 * of a role, or everyone who may handle alarms in the org at the step's level), records the step
 * on the alarm and schedules the one after. A manual escalation beyond the chain (or without one)
 * goes to the parent org's alarm handlers. The caller has locked and authorised the alarm.
 */
export async function escalateAlarm(
  ctx: Ctx,
  row: repo.AlarmRow,
  opts: { manual: boolean; note?: string | undefined },
): Promise<{ recipients: number } | null> {
  const steps = parseSteps(await repo.stepsOfAlarm(ctx.tx, row.id));
  const index = Number(row.escalation_step);
  const step = steps[index] ?? (opts.manual ? DEFAULT_STEP : null);
  if (!step) {
    await repo.updateAlarm(ctx.tx, row.id, { next_escalation_at: null }, ctx.now);
    return null;
  }
  const chain = await repo.orgChain(ctx.tx, row.org_path);
  const target = chain[Math.min(ORG_INDEX[step.orgLevel], chain.length - 1)]!;
  const users = new Set(step.userIds ?? []);
  if (step.roleId) for (const u of await repo.roleHolders(ctx.tx, step.roleId, target.path)) users.add(u);
  const level = row.level as AlarmLevel;
  const minutes = Math.max(0, Math.round((ctx.now.getTime() - new Date(row.last_at).getTime()) / 60_000));
  const message = {
    title: `报警升级：${row.title}`.slice(0, 200),
    body: `${ALARM_LEVEL_ZH[level]}报警${opts.manual ? '已被手动升级' : `${minutes} 分钟未确认`}，升级至${target.name}。${row.message ?? ''}`.slice(
      0,
      2000,
    ),
    link: `/monitoring/alarms/${row.id}`,
    severity: level === 'red' || level === 'orange' ? ('critical' as const) : ('warning' as const),
  };
  // A role nobody holds there notifies nobody (the step is still recorded); no one named = the org's alarm handlers.
  let sent: string[] = [];
  if (users.size > 0) sent = (await notify(ctx, { ...message, userIds: [...users] })).recipientUserIds;
  else if (!step.roleId) sent = (await notify(ctx, { ...message, orgId: target.id, permission: 'alarm.handle' })).recipientUserIds;
  const next = steps[index + 1];
  const base = !opts.manual && row.next_escalation_at ? new Date(row.next_escalation_at).getTime() : ctx.now.getTime();
  const nextAt = next && steps[index] ? new Date(base + (next.afterMinutes - steps[index].afterMinutes) * 60_000) : null;
  await repo.updateAlarm(ctx.tx, row.id, { escalation_step: index + 1, next_escalation_at: nextAt }, ctx.now);
  const data = { step: index + 1, orgLevel: step.orgLevel, orgName: target.name, recipients: sent.length, manual: opts.manual };
  await repo.insertEvents(ctx.tx, [
    { id: newId(), alarm_id: row.id, kind: 'escalated', actor_id: ctx.actor.userId, at: ctx.now, note: opts.note ?? null, data },
  ]);
  await recordAudit(ctx, { action: 'alarm.escalated', entity: 'alarm', entityId: row.id, before: { step: index }, after: data });
  const after = (await repo.findAlarm(ctx.tx, row.id))!;
  await emitAlarm(ctx, ALARM_EVENTS.escalated, after, { escalation: data });
  return { recipients: sent.length };
}

/** The worker's job: escalates every active alarm whose next step is due (unacknowledged in time). */
export async function runDueEscalations(platform: Platform): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
      const ids = await repo.dueEscalations(ctx.tx, ctx.now, 50, platform.dbKind === 'postgres');
      for (const id of ids) {
        const row = await repo.findAlarm(ctx.tx, id);
        if (row) await escalateAlarm(ctx, row, { manual: false });
      }
      return ids.length;
    });
    done += n;
    if (n < 50) return done;
  }
}
