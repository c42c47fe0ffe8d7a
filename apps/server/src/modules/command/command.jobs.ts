import { COMMAND_EVENTS } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META, type Platform } from '../../platform/ctx.js';
import type { Job } from '../../platform/module.js';
import { notify } from '../notifications/index.js';
import { logCommandStep } from './command.events.js';
import * as repo from './command.repository.js';

const BATCH = 100;

/**
 * Reminds the commander, once, of each task still not accepted `escalate_after_minutes` (per
 * response, default 15) after it was assigned: the launching commander and the post's 总指挥 and
 * 副总指挥, else whoever may launch responses in the response's org. The reminder time is stored
 * on the task, so a restart neither loses nor repeats a reminder.
 */
export async function escalateUnacceptedTasks(platform: Platform): Promise<number> {
  return inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    const due = await repo.dueForEscalation(ctx.tx, ctx.now, BATCH);
    let n = 0;
    for (const t of due) {
      if (!(await repo.markEscalated(ctx.tx, t.id, ctx.now))) continue;
      const leaders = new Set<string>();
      if (t.launched_by) leaders.add(t.launched_by);
      for (const m of t.members) if (m.role === 'commander' || m.role === 'deputy') leaders.add(m.userId);
      const { recipientUserIds } = await notify(ctx, {
        ...(leaders.size > 0 ? { userIds: [...leaders] } : { orgId: t.org_id, permission: 'command.launch' as const }),
        title: `任务超时未接收：${t.title}`,
        body: `${t.response_name}的任务下达 ${t.escalate_after_minutes} 分钟后仍未被接收`,
        link: `/command/responses/${t.response_id}`,
        severity: 'warning',
      });
      await recordAudit(ctx, {
        action: 'command.task_escalated',
        entity: 'command_task',
        entityId: t.id,
        after: { minutes: t.escalate_after_minutes, notified: recipientUserIds.length },
      });
      await logCommandStep(
        ctx,
        COMMAND_EVENTS.taskEscalated,
        t,
        `任务“${t.title}”下达 ${t.escalate_after_minutes} 分钟未接收，已提醒指挥长`,
        { responseId: t.response_id, taskId: t.id, notified: recipientUserIds.length },
      );
      n++;
    }
    return n;
  });
}

export const commandJobs: Job[] = [
  { name: 'command.task-escalation', everyMs: 60_000, run: async (p) => void (await escalateUnacceptedTasks(p)) },
];
