import type { CreatePlanInput, PageOf, PlanContent, PlanDiffDto, PlanDto, PlanListQuery, UpdatePlanInput } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import type { OrgRow } from '../../platform/db/schema.js';
import { conflict, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { diffPlans } from './plan-diff.js';
import { checkRevision, loadPlan } from './plan-access.js';
import { checkContent, ordered, ownerOrg } from './plan-content.js';
import { canBranch, isEditable } from './plan-status.js';
import { emitPlanEvent, PLAN_EVENTS } from './plans.events.js';
import { planScope } from './plans.policy.js';
import { contentOf, presentPlan } from './plans.presenter.js';
import * as repo from './plans.repository.js';

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const d = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(d.getTime())) invalid('cursor', '游标无效');
  return { at: d, id };
}

/** The version as the actor sees it, with abilities. */
export async function presentOne(ctx: Ctx, id: string): Promise<PlanDto> {
  return presentPlan((await repo.findPlan(ctx.tx, id))!, ctx.actor, { abilities: true });
}

const contentColumns = (c: PlanContent) => ({
  name: c.name,
  level: c.level,
  type: c.type,
  event_codes: [...new Set(c.eventCodes)],
  summary: c.summary || null,
  levels: c.levels,
});

const auditView = (c: PlanContent) => ({
  name: c.name,
  level: c.level,
  type: c.type,
  eventCodes: c.eventCodes,
  levels: c.levels.map((l) => l.level),
});

/**
 * Stores a new plan (version 1, a draft) owned by `org` after checking the content against the
 * code tables; audited as `plan.created` (`plan.imported` for imports).
 */
export async function insertNewPlan(ctx: Ctx, org: OrgRow, raw: PlanContent, source: 'manual' | 'import' | 'demo'): Promise<string> {
  await checkContent(ctx, raw, source === 'import' ? 'plan.' : '');
  const c = ordered(raw);
  const id = newId();
  await repo.insertPlan(ctx.tx, {
    id,
    series_id: id,
    version_no: 1,
    previous_version_id: null,
    org_id: org.id,
    org_path: org.path,
    ...contentColumns(c),
    status: 'draft',
    reject_reason: null,
    source,
    created_by: ctx.actor.userId,
    created_by_name: ctx.actor.displayName ?? ctx.actor.username,
    submitted_by: null,
    submitted_at: null,
    approved_by: null,
    approved_by_name: null,
    approved_at: null,
    activated_by: null,
    activated_at: null,
    retired_at: null,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: source === 'import' ? 'plan.imported' : 'plan.created',
    entity: 'plan',
    entityId: id,
    after: { orgId: org.id, versionNo: 1, ...auditView(c) },
  });
  await emitPlanEvent(ctx, source === 'import' ? PLAN_EVENTS.imported : PLAN_EVENTS.created, id);
  return id;
}

/** `POST /plans`: drafts a new plan (编制预案). */
export async function createPlan(ctx: Ctx, input: CreatePlanInput): Promise<PlanDto> {
  const { orgId, ...content } = input;
  const org = await ownerOrg(ctx, orgId);
  return presentOne(ctx, await insertNewPlan(ctx, org, content, 'manual'));
}

/** `PUT /plans/:id`: edits a draft; `revision` guards against overwriting another edit. */
export async function updatePlan(ctx: Ctx, id: string, input: UpdatePlanInput): Promise<PlanDto> {
  const row = await loadPlan(ctx, id, 'plan.manage', true);
  checkRevision(row, input.revision);
  if (!isEditable(row.status)) conflict('只有草稿可以修改；已提交、批准或实施的预案请先退回或创建新版本');
  const { revision: _ignored, ...content } = input;
  await checkContent(ctx, content);
  const c = ordered(content);
  await repo.updatePlan(ctx.tx, id, { ...contentColumns(c), updated_at: ctx.now });
  await recordAudit(ctx, {
    action: 'plan.edited',
    entity: 'plan',
    entityId: id,
    before: { ...auditView(contentOf(row)), revision: row.revision },
    after: { ...auditView(c), revision: row.revision + 1 },
  });
  await emitPlanEvent(ctx, PLAN_EVENTS.edited, id);
  return presentOne(ctx, id);
}

/**
 * `POST /plans/:id/versions`: starts a new version of an approved or active plan (修订): a draft
 * copying its content, numbered after the series' last version. One open version per plan.
 */
export async function newVersion(ctx: Ctx, id: string): Promise<PlanDto> {
  const prev = await loadPlan(ctx, id, 'plan.manage', true);
  if (!canBranch(prev.status)) conflict('只能基于已批准或实施中的预案创建新版本');
  const open = await repo.openVersionOf(ctx.tx, prev.series_id);
  if (open) conflict(`该预案已有未完成的版本（第 ${open.version_no} 版），请先完成或退回该版本`);
  const versionNo = (await repo.maxVersionNo(ctx.tx, prev.series_id)) + 1;
  const nid = newId();
  await repo.insertPlan(ctx.tx, {
    id: nid,
    series_id: prev.series_id,
    version_no: versionNo,
    previous_version_id: prev.id,
    org_id: prev.org_id,
    org_path: prev.org_path,
    ...contentColumns(contentOf(prev)),
    status: 'draft',
    reject_reason: null,
    source: 'manual',
    created_by: ctx.actor.userId,
    created_by_name: ctx.actor.displayName ?? ctx.actor.username,
    submitted_by: null,
    submitted_at: null,
    approved_by: null,
    approved_by_name: null,
    approved_at: null,
    activated_by: null,
    activated_at: null,
    retired_at: null,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'plan.version_created',
    entity: 'plan',
    entityId: nid,
    after: { seriesId: prev.series_id, versionNo, previousVersionId: prev.id },
  });
  await emitPlanEvent(ctx, PLAN_EVENTS.versionCreated, nid, { previousVersionId: prev.id });
  return presentOne(ctx, nid);
}

/** `GET /plans/:id`. */
export async function getPlan(ctx: Ctx, id: string): Promise<PlanDto> {
  await loadPlan(ctx, id);
  return presentOne(ctx, id);
}

/** `GET /plans/:id/versions`: every version of the plan, newest first. */
export async function planHistory(ctx: Ctx, id: string): Promise<PlanDto[]> {
  const row = await loadPlan(ctx, id);
  return (await repo.seriesVersions(ctx.tx, row.series_id)).map((p) => presentPlan(p, ctx.actor));
}

/** `GET /plans`: newest first, in the actor's subtree. */
export async function listPlanPage(ctx: Ctx, q: PlanListQuery): Promise<PageOf<PlanDto>> {
  const f: repo.PlanFilters = {
    scope: planScope(ctx.actor),
    status: q.status,
    level: q.level,
    type: q.type,
    eventCode: q.eventCode,
    orgId: q.orgId,
    q: q.q || undefined,
  };
  const rows = await repo.listPlans(ctx.tx, f, decodeCursor(q.cursor), q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((p) => presentPlan(p, ctx.actor)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null,
    total: await repo.countPlans(ctx.tx, f),
  };
}

/** `GET /plans/:id/diff?against=`: the changes from version `against` to version `id` (same plan). */
export async function diffPlan(ctx: Ctx, id: string, against: string): Promise<PlanDiffDto> {
  const to = await loadPlan(ctx, id);
  const from = await loadPlan(ctx, against);
  if (from.series_id !== to.series_id) invalid('against', '只能比较同一预案的不同版本');
  return {
    from: { id: from.id, versionNo: from.version_no },
    to: { id: to.id, versionNo: to.version_no },
    changes: diffPlans(contentOf(from), contentOf(to)),
  };
}
