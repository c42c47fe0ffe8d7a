import type { PlanContent } from '@vigil/shared';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import type { OrgRow } from '../../platform/db/schema.js';
import { AppError, invalid, type FieldError } from '../../platform/errors.js';
import { findOrg, resolveOrgRef } from '../orgs/index.js';
import * as repo from './plans.repository.js';

/**
 * Checks what the schema cannot: every event code (of the plan and of `eventCode` conditions) is
 * in the national table, and every task's responsible org exists. One 400 naming each field.
 */
export async function checkContent(ctx: Ctx, c: PlanContent, prefix = ''): Promise<void> {
  const codes = new Set(c.eventCodes);
  for (const l of c.levels) for (const k of l.start.conditions) if (k.kind === 'eventCode') k.codes.forEach((x) => codes.add(x));
  const known = await repo.knownEventCodes(ctx.tx, [...codes]);
  const orgIds = new Set<string>();
  for (const l of c.levels) for (const t of l.tasks) if (t.responsibleOrgId) orgIds.add(t.responsibleOrgId);
  const orgs = await repo.knownOrgs(ctx.tx, [...orgIds]);
  const errors: FieldError[] = [];
  const unknown = c.eventCodes.filter((x) => !known.has(x));
  if (unknown.length) errors.push({ field: `${prefix}eventCodes`, message: `未知的事件类型代码：${unknown.join('、')}` });
  c.levels.forEach((l, i) => {
    l.start.conditions.forEach((k, j) => {
      if (k.kind !== 'eventCode') return;
      const bad = k.codes.filter((x) => !known.has(x));
      if (bad.length)
        errors.push({ field: `${prefix}levels.${i}.start.conditions.${j}.codes`, message: `未知的事件类型代码：${bad.join('、')}` });
    });
    l.tasks.forEach((t, j) => {
      if (t.responsibleOrgId && !orgs.has(t.responsibleOrgId))
        errors.push({ field: `${prefix}levels.${i}.tasks.${j}.responsibleOrgId`, message: '责任单位不存在' });
    });
  });
  if (errors.length) throw new AppError('VALIDATION', errors.map((e) => e.message).join('；'), { errors });
}

/** The levels in order I → IV (stored and shown in that order). */
export function ordered(c: PlanContent): PlanContent {
  const rank = { I: 0, II: 1, III: 2, IV: 3 } as const;
  return { ...c, levels: [...c.levels].sort((a, b) => rank[a.level] - rank[b.level]) };
}

/** The owner org of a new plan: the given one (where the actor manages plans) or the actor's own. */
export async function ownerOrg(ctx: Ctx, orgId: string | undefined): Promise<OrgRow> {
  if (orgId) return resolveOrgRef(ctx, orgId, 'orgId', 'plan.manage');
  const own = ctx.actor.orgId ? await findOrg(ctx.tx, ctx.actor.orgId) : undefined;
  if (!own) invalid('orgId', '请指定预案所属单位');
  if (!hasPermissionIn(ctx.actor, 'plan.manage', own.path)) throw new AppError('FORBIDDEN', '缺少权限 plan.manage');
  return own;
}
