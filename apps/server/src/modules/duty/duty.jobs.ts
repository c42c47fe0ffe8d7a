import { DUTY_EVENTS } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META, type Platform } from '../../platform/ctx.js';
import { emit } from '../../platform/events/outbox.js';
import type { Job } from '../../platform/module.js';
import { notify } from '../notifications/index.js';
import * as checks from './checks.repository.js';
import { formatBeijing } from './duty-time.js';
import * as handovers from './handovers.repository.js';
import { dutyTopic } from './roster.service.js';
import * as repo from './shifts.repository.js';

const BATCH = 100;

/**
 * Tells the org's duty leader, once, about each handover still not countersigned 30 minutes after
 * the shift change: the leaders of the incoming and outgoing shifts, else the org's roster managers.
 * The notice time is stored on the handover, so a restart neither loses nor repeats a notice.
 */
export async function notifyOverdueHandovers(platform: Platform): Promise<number> {
  return inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    const due = await handovers.dueForLeaderNotice(ctx.tx, ctx.now, BATCH);
    let n = 0;
    for (const h of due) {
      if (!(await handovers.markLeaderNotified(ctx.tx, h.id, ctx.now))) continue;
      const people = await repo.peopleOf(ctx.tx, [h.to_shift_id, h.from_shift_id]);
      const leaders = [...new Set(people.filter((p) => p.role === 'leader' && p.user_id).map((p) => p.user_id!))];
      await notify(ctx, {
        ...(leaders.length > 0 ? { userIds: leaders } : { orgId: h.org_id, permission: 'duty.manage' as const }),
        title: `交接班超时未签收：${h.org_name}`,
        body: `${formatBeijing(h.from_ends_at)} 交接班，应于 ${formatBeijing(h.countersign_due_at)} 前签收`,
        link: `/duty/handovers/${h.id}`,
        severity: 'warning',
      });
      await recordAudit(ctx, {
        action: 'duty.handover_overdue',
        entity: 'duty_handover',
        entityId: h.id,
        after: { leaders: leaders.length },
      });
      await emit(ctx, DUTY_EVENTS.handoverOverdue, { handoverId: h.id, orgId: h.org_id }, dutyTopic(h.org_path));
      n++;
    }
    return n;
  });
}

/** Marks checks not acknowledged by their deadline as missed and tells whoever sent them. */
export async function markMissedChecks(platform: Platform): Promise<number> {
  return inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    const missed = await checks.markMissed(ctx.tx, ctx.now, BATCH);
    for (const c of missed) {
      await recordAudit(ctx, {
        action: 'duty.check_missed',
        entity: 'duty_check',
        entityId: c.id,
        after: { orgId: c.org_id, dueAt: c.due_at },
      });
      await emit(ctx, DUTY_EVENTS.checkMissed, { checkId: c.id, orgId: c.org_id }, dutyTopic(c.org_path));
      if (c.sent_by)
        await notify(ctx, {
          userIds: [c.sent_by],
          title: '查岗超时未应答',
          body: `${formatBeijing(c.sent_at)} 发出的查岗在 ${c.ack_minutes} 分钟内无人应答`,
          link: `/duty/checks/${c.id}`,
          severity: 'warning',
        });
    }
    return missed.length;
  });
}

export const dutyJobs: Job[] = [
  { name: 'duty.handover-overdue', everyMs: 60_000, run: async (p) => void (await notifyOverdueHandovers(p)) },
  { name: 'duty.checks-missed', everyMs: 30_000, run: async (p) => void (await markMissedChecks(p)) },
];
