import { GRADE_ZH, type IncidentGrade } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { onDutyUserIds } from '../duty/index.js';
import { notify } from '../notifications/index.js';
import { findOrg } from '../orgs/index.js';
import { deskStaffOf } from './incident-parts.repository.js';
import type { IncidentRow } from './incidents.repository.js';

/** Who is told for one org: the officers on duty now, else its duty officers and commanders. */
async function deskOf(ctx: Ctx, orgId: string): Promise<string[]> {
  const onDuty = await onDutyUserIds(ctx.tx, { orgId, at: ctx.now });
  return onDuty.length > 0 ? onDuty : deskStaffOf(ctx.tx, orgId);
}

/**
 * Tells the duty desks of the incident's org and of its parent org about a new incident or an
 * escalated grade (bell + live push). Critical for grade I/II, a warning otherwise. The acting
 * user is not told about their own action.
 */
export async function alertDutyDesks(ctx: Ctx, row: IncidentRow, reason: 'created' | 'escalated'): Promise<string[]> {
  const org = await findOrg(ctx.tx, row.org_id);
  if (!org) return [];
  const ids = new Set<string>();
  for (const orgId of [org.id, org.parent_id]) if (orgId) for (const u of await deskOf(ctx, orgId)) ids.add(u);
  if (ctx.actor.userId) ids.delete(ctx.actor.userId);
  if (ids.size === 0) return [];
  const grade = row.grade ? GRADE_ZH[row.grade as IncidentGrade] : '未定级';
  const title = reason === 'created' ? `新接报事件：${row.title}` : `事件升级为${grade}：${row.title}`;
  const { recipientUserIds } = await notify(ctx, {
    userIds: [...ids],
    title: title.slice(0, 200),
    body: `${org.name} · ${grade} · 伤亡：死亡 ${row.dead}，失踪 ${row.missing}，重伤 ${row.seriously_injured}`,
    link: `/incidents/${row.id}`,
    severity: row.grade !== null && row.grade <= 2 ? 'critical' : 'warning',
  });
  return recipientUserIds;
}
