import type { CreateOrgInput, OrgDto, OrgKind, OrgListQuery, Permission, UpdateOrgInput } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { canSeeOrg, hasPermissionIn, isWithin, type Actor } from '../../platform/auth/actor.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import type { OrgRow } from '../../platform/db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { parentKindProblem } from './org-kinds.js';
import { cachedOrgList, invalidateOrgLists } from './org-list-cache.js';
import { toOrgDto } from './orgs.presenter.js';
import * as repo from './orgs.repository.js';
import { refuse } from '../../platform/audit/audited-error.js';

/** The org subtrees an actor may see: their own org's and those of their grants, minimised; null = everything. */
export function visibleOrgPaths(actor: Actor): string[] | null {
  if (actor.kind === 'system') return null;
  const all = [...(actor.orgPath ? [actor.orgPath] : []), ...actor.grants.map((g) => g.scopePath)];
  return [...new Set(all)].filter((p) => !all.some((q) => q !== p && isWithin(p, q)));
}

/** Orgs of the actor's subtree (for pickers and the org admin page), ordered by path; reused briefly (org-list-cache.ts). */
export async function listOrgs(ctx: Ctx, query: OrgListQuery): Promise<OrgDto[]> {
  const paths = visibleOrgPaths(ctx.actor);
  const key = JSON.stringify([paths, query.q ?? null, query.kind ?? null]);
  return cachedOrgList(ctx.platform, key, async () => (await repo.listOrgsWithin(ctx.tx, paths, query)).map(toOrgDto));
}

/** One org; another subtree's org is an audited 404. */
export async function getOrg(ctx: Ctx, id: string): Promise<OrgDto> {
  const row = (await repo.findOrgDetail(ctx.tx, id)) ?? notFound('组织', id);
  if (!canSeeOrg(ctx.actor, row.path)) await denyOutOfScope(ctx, 'org', id);
  return toOrgDto(row);
}

/**
 * Resolves an org referenced from a request body (a parent, a user's org, a grant's scope). It
 * must exist and lie where the actor holds `perm` (or, without `perm`, in the actor's subtree);
 * otherwise the field is refused as unknown, and an existing org outside the scope is audited.
 */
export async function resolveOrgRef(ctx: Ctx, id: string, field: string, perm?: Permission): Promise<OrgRow> {
  const org = await repo.findOrg(ctx.tx, id);
  const message = '组织不存在或不在您的管辖范围内';
  if (!org) invalid(field, message);
  const allowed = perm ? hasPermissionIn(ctx.actor, perm, org.path) : canSeeOrg(ctx.actor, org.path);
  if (!allowed) refuse('VALIDATION', message, { action: 'access.out_of_scope', entity: 'org', entityId: id }, field);
  return org;
}

async function requireDivision(ctx: Ctx, code: string | null | undefined): Promise<void> {
  if (code && !(await repo.divisionExists(ctx.tx, code))) invalid('divisionCode', `行政区划代码 ${code} 不存在`);
}

/** Creates an org under a parent in the actor's subtree, following the kind ladder. */
export async function createOrg(ctx: Ctx, input: CreateOrgInput): Promise<OrgDto> {
  const parent = await resolveOrgRef(ctx, input.parentId, 'parentId', 'org.manage');
  if (parent.status !== 'active') conflict('上级组织已停用，不能在其下新建组织');
  const kindProblem = parentKindProblem(input.kind, parent.kind as OrgKind);
  if (kindProblem) invalid('kind', kindProblem);
  if (await repo.findOrgByCode(ctx.tx, input.code))
    throw new AppError('CONFLICT', `组织编码 ${input.code} 已被使用`, { errors: [{ field: 'code', message: '编码已被使用' }] });
  await requireDivision(ctx, input.divisionCode);
  const row = await repo.insertOrg(ctx.tx, {
    id: newId(),
    parent_id: parent.id,
    path: `${parent.path}.${input.code}`,
    name: input.name,
    kind: input.kind,
    code: input.code,
    division_code: input.divisionCode ?? null,
  });
  const dto = toOrgDto((await repo.findOrgDetail(ctx.tx, row.id))!);
  invalidateOrgLists(ctx.platform);
  await recordAudit(ctx, { action: 'org.created', entity: 'org', entityId: row.id, after: dto });
  await emit(
    ctx,
    'org.created',
    { orgId: row.id, parentId: parent.id, name: dto.name, kind: dto.kind },
    { topic: 'orgs', orgPath: row.path },
  );
  return dto;
}

/** Renames an org, re-links its division, or disables/enables it. */
export async function updateOrg(ctx: Ctx, id: string, input: UpdateOrgInput): Promise<OrgDto> {
  const org = (await repo.findOrgForUpdate(ctx.tx, id)) ?? notFound('组织', id);
  if (!canSeeOrg(ctx.actor, org.path)) await denyOutOfScope(ctx, 'org', id);
  if (!hasPermissionIn(ctx.actor, 'org.manage', org.path))
    refuse('FORBIDDEN', '您没有管理该组织的权限', { action: 'org.updated', entity: 'org', entityId: id });
  const patch: Parameters<typeof repo.updateOrg>[2] = {};
  if (input.name !== undefined && input.name !== org.name) patch.name = input.name;
  if (input.divisionCode !== undefined && input.divisionCode !== org.division_code) {
    await requireDivision(ctx, input.divisionCode);
    patch.division_code = input.divisionCode;
  }
  if (input.status !== undefined && input.status !== org.status) {
    if (input.status === 'disabled') await assertCanDisable(ctx, org);
    else await assertCanEnable(ctx, org);
    patch.status = input.status;
  }
  if (Object.keys(patch).length === 0) return toOrgDto((await repo.findOrgDetail(ctx.tx, id))!);
  await repo.updateOrg(ctx.tx, id, patch, ctx.now);
  invalidateOrgLists(ctx.platform);
  const before = Object.fromEntries(Object.keys(patch).map((k) => [k, org[k as keyof typeof patch]]));
  await recordAudit(ctx, { action: 'org.updated', entity: 'org', entityId: id, before, after: patch });
  await emit(ctx, 'org.updated', { orgId: id, changes: patch }, { topic: 'orgs', orgPath: org.path });
  return toOrgDto((await repo.findOrgDetail(ctx.tx, id))!);
}

async function assertCanDisable(ctx: Ctx, org: OrgRow): Promise<void> {
  const children = await repo.countActiveChildren(ctx.tx, org.id);
  if (children > 0) conflict(`该组织下还有 ${children} 个启用的下级组织，请先停用或迁移下级组织`);
  const users = await repo.countActiveUsers(ctx.tx, org.id);
  if (users > 0) conflict(`该组织下还有 ${users} 个启用的用户账户，请先停用或调出这些账户`);
}

async function assertCanEnable(ctx: Ctx, org: OrgRow): Promise<void> {
  if (!org.parent_id) return;
  const parent = await repo.findOrg(ctx.tx, org.parent_id);
  if (parent?.status !== 'active') conflict('上级组织已停用，请先启用上级组织');
}
