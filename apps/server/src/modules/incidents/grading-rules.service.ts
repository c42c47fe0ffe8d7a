import type { GradingRuleDto, PutGradingRulesInput } from '@vigil/shared';
import type { Platform } from '../../platform/ctx.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { scopePaths } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError } from '../../platform/errors.js';
import { DEFAULT_GRADING_RULES, ruleSetProblems } from './grading.js';
import { listGradingRules, orgKindsAt, replaceGradingRules } from './incident-parts.repository.js';

/** `GET /incidents/grading-rules`: the rules in force. */
export async function getGradingRules(ctx: Ctx): Promise<{ items: GradingRuleDto[] }> {
  return { items: await listGradingRules(ctx.tx) };
}

/** Whether the actor holds `incident.grade` for a whole city (or province): rules apply city-wide. */
async function gradesCityWide(ctx: Ctx): Promise<boolean> {
  if (ctx.actor.kind === 'system') return true;
  const kinds = await orgKindsAt(ctx.tx, scopePaths(ctx.actor, 'incident.grade'));
  return kinds.some((k) => k === 'city' || k === 'province');
}

/**
 * `PUT /incidents/grading-rules`: replaces the rules of every category present in the body
 * (others stay). City-level `incident.grade` only; contradictory ladders are refused (400).
 * Existing incidents are regraded on their next update.
 */
export async function putGradingRules(ctx: Ctx, input: PutGradingRulesInput): Promise<{ items: GradingRuleDto[] }> {
  if (!(await gradesCityWide(ctx))) throw new AppError('FORBIDDEN', '只有市级及以上的定级权限才能修改定级规则');
  const problems = ruleSetProblems(input.rules);
  if (problems.length > 0) throw new AppError('VALIDATION', problems.map((p) => p.message).join('；'), { errors: problems });
  const before = await listGradingRules(ctx.tx);
  const categories = [...new Set(input.rules.map((r) => r.category))];
  await replaceGradingRules(ctx.tx, categories, input.rules, ctx.actor.userId, ctx.now);
  const after = await listGradingRules(ctx.tx);
  await recordAudit(ctx, {
    action: 'incident.grading_rules_updated',
    entity: 'grading_rule',
    entityId: categories.join(','),
    before: before.filter((r) => categories.includes(r.category)),
    after: after.filter((r) => categories.includes(r.category)),
  });
  return { items: after };
}

/** Installs the default rules on first start (never overwrites rules the bureau has edited). */
export async function seedGradingRules(platform: Platform): Promise<void> {
  if ((await listGradingRules(platform.db)).length > 0) return;
  await replaceGradingRules(platform.db, [], DEFAULT_GRADING_RULES, null, platform.clock.now());
}
