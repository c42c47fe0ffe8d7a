import {
  RESOURCE_KINDS,
  RESOURCE_STATUSES,
  type ResourceArchiveInput,
  type ResourceDto,
  type ResourceHistoryDto,
  type ResourceInput,
  type ResourceKind,
  type ResourcePatch,
  type ResourceRestoreInput,
  type ResourceSummaryDto,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermission, hasPermissionIn } from '../../platform/auth/actor.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import { sealSecret } from '../../platform/auth/secret-box.js';
import type { Ctx } from '../../platform/ctx.js';
import type { OrgRow } from '../../platform/db/schema.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findOrg } from '../orgs/index.js';
import { checkVersion, loadResource } from './resource-access.js';
import { checkResourceInput, maskContact, type NormalizedResource } from './resource-rules.js';
import * as repo from './resources.repository.js';
import { emitResourceChanged, type ResourceChange } from './resources.events.js';
import { can, resourceScope } from './resources.policy.js';
import { contactContext, presentHistory, presentResource, snapshotOf } from './resources.presenter.js';

/** National codes an input refers to (type and code lists), upper-cased, for one code-table lookup. */
export function codesIn(input: unknown): string[] {
  const i = (input ?? {}) as { typeCode?: unknown; attrs?: Record<string, unknown> };
  const out = new Set<string>();
  if (typeof i.typeCode === 'string') out.add(i.typeCode.trim().toUpperCase());
  for (const k of ['capabilities', 'specialties']) {
    const list = i.attrs?.[k];
    if (Array.isArray(list)) for (const c of list) if (typeof c === 'string') out.add(c.trim().toUpperCase());
  }
  return [...out];
}

/** Runs the shared rules with the code table; every problem becomes one 400 naming the fields. */
async function normalise(ctx: Ctx, kind: ResourceKind, input: unknown): Promise<NormalizedResource> {
  const knownCodes = await repo.existingCodes(ctx.tx, codesIn(input));
  const r = checkResourceInput(kind, input, { knownCodes });
  if (r.errors) throw new AppError('VALIDATION', r.errors[0]!.message, { errors: r.errors });
  return r.value;
}

/** The owning org: the given one if the actor manages resources there (else 404), or the actor's own. */
async function owningOrg(ctx: Ctx, orgId: string | undefined): Promise<OrgRow> {
  const id = orgId ?? ctx.actor.orgId;
  if (!id) invalid('orgId', '请指定资源所属单位');
  const org = await findOrg(ctx.tx, id);
  if (!org) return orgId ? denyOutOfScope(ctx, 'org', id) : invalid('orgId', '请指定资源所属单位');
  if (!hasPermissionIn(ctx.actor, 'resource.manage', org.path)) {
    if (orgId) return denyOutOfScope(ctx, 'org', id);
    throw new AppError('FORBIDDEN', '缺少权限 resource.manage');
  }
  return org;
}

function sealContact(
  ctx: Ctx,
  id: string,
  v: NormalizedResource,
): { sealed: Record<string, string> | null; masked: Record<string, string> | null } {
  if (!v.contact) return { sealed: null, masked: null };
  const sealed: Record<string, string> = {};
  if (v.contact.phone) sealed.phone = sealSecret(ctx.platform.config, v.contact.phone, contactContext(id, 'phone'));
  if (v.contact.idNumber) sealed.idNumber = sealSecret(ctx.platform.config, v.contact.idNumber, contactContext(id, 'idNumber'));
  return { sealed, masked: maskContact(v.contact) };
}

function toWrite(
  v: NormalizedResource,
  org: OrgRow,
  contact: { sealed: Record<string, string> | null; masked: Record<string, string> | null },
): repo.ResourceWrite {
  return {
    org_id: org.id,
    org_path: org.path,
    external_code: v.externalCode,
    name: v.name,
    type_code: v.typeCode,
    status: v.status,
    address: v.address,
    phone: v.phone,
    location: v.location,
    area: v.area,
    attrs: v.attrs,
    ...contact,
  };
}

/** Appends the history snapshot of the row as it now is. */
async function writeHistory(ctx: Ctx, row: repo.ResourceRow, action: string, reason?: string): Promise<void> {
  await repo.insertHistory(ctx.tx, {
    id: newId(),
    resource_id: row.id,
    version: row.version,
    action,
    snapshot: reason ? { ...snapshotOf(row), reason } : snapshotOf(row),
    changed_by: ctx.actor.userId,
    changed_at: ctx.now,
  });
}

/** The audit trail, history and event of one write. */
async function afterWrite(ctx: Ctx, before: repo.ResourceRow | null, id: string, change: ResourceChange, reason?: string) {
  const after = (await repo.findResource(ctx.tx, id))!;
  await writeHistory(ctx, after, change, reason);
  const diff = (s: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, s[k]]));
  const snapAfter = snapshotOf(after);
  const changed = before
    ? Object.keys(snapAfter).filter((k) => JSON.stringify(snapAfter[k]) !== JSON.stringify(snapshotOf(before)[k]))
    : [];
  await recordAudit(ctx, {
    action: `resource.${change}`,
    entity: 'resource',
    entityId: id,
    before: before ? { ...diff(snapshotOf(before), changed), version: before.version } : null,
    after: {
      ...(before ? diff(snapAfter, changed) : snapAfter),
      kind: after.kind,
      version: after.version,
      ...(reason ? { reason } : {}),
    },
  });
  await emitResourceChanged(ctx, after, change, before ? { changes: changed } : {});
  return after;
}

/** Creates a resource of a kind: validated by the shared rules, audited, `resource.changed` emitted. */
export async function createResource(ctx: Ctx, kind: ResourceKind, input: ResourceInput): Promise<ResourceDto> {
  const v = await normalise(ctx, kind, input);
  const org = await owningOrg(ctx, v.orgId);
  const id = newId();
  await repo.insertResource(ctx.tx, {
    ...toWrite(v, org, sealContact(ctx, id, v)),
    id,
    kind,
    source: 'manual',
    actorId: ctx.actor.userId,
    now: ctx.now,
  });
  const row = await afterWrite(ctx, null, id, 'created');
  return presentResource(ctx.actor, row);
}

/** The stored row as a full input, so a patch is validated as the record it produces. */
function asInput(row: repo.ResourceRow): Record<string, unknown> {
  return {
    externalCode: row.external_code,
    name: row.name,
    typeCode: row.type_code,
    status: row.status,
    orgId: row.org_id,
    address: row.address,
    phone: row.phone,
    location: { lng: Number(row.lng), lat: Number(row.lat), crs: 'wgs84' },
    area: row.area ?? null,
    attrs: row.attrs,
  };
}

/**
 * Edits a resource at the version the editor saw (stale → 409): the merged record passes the same
 * rules as a new one. Contacts are replaced only when `contact` is sent. No change, no new version.
 */
export async function updateResource(ctx: Ctx, kind: ResourceKind, id: string, patch: ResourcePatch): Promise<ResourceDto> {
  const row = await loadResource(ctx, kind, id, 'resource.manage', true);
  if (row.archived_at) conflict('已归档的资源不能修改，请先恢复');
  checkVersion(row, patch.version);
  const { version: _version, contact, ...fields } = patch;
  const merged = { ...asInput(row), ...Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== undefined)) };
  const v = await normalise(ctx, kind, contact === undefined ? merged : { ...merged, contact });
  const org = v.orgId === row.org_id ? { id: row.org_id, path: row.org_path } : await owningOrg(ctx, v.orgId);
  const write = toWrite(v, org as OrgRow, { sealed: row.sealed, masked: row.masked });
  const contactChanged = contact !== undefined && !sameContact(ctx, row, v);
  if (!contactChanged && stable(comparable(write)) === stable(comparable(writeOf(row)))) return presentResource(ctx.actor, row);
  if (contactChanged) Object.assign(write, sealContact(ctx, id, v));
  await repo.updateResource(ctx.tx, id, write, ctx.actor.userId, ctx.now);
  return presentResource(ctx.actor, await afterWrite(ctx, row, id, 'updated'));
}

/** JSON with object keys sorted (jsonb reorders keys), for change detection. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
}

function comparable(w: repo.ResourceWrite) {
  const { sealed: _s, masked: _m, org_path: _p, ...rest } = w;
  return { ...rest, location: { lng: Number(w.location.lng), lat: Number(w.location.lat) } };
}

function writeOf(row: repo.ResourceRow): repo.ResourceWrite {
  return {
    org_id: row.org_id,
    org_path: row.org_path,
    external_code: row.external_code,
    name: row.name,
    type_code: row.type_code,
    status: row.status,
    address: row.address,
    phone: row.phone,
    location: { lng: row.lng, lat: row.lat },
    area: (row.area ?? null) as repo.ResourceWrite['area'],
    attrs: row.attrs,
    sealed: row.sealed,
    masked: row.masked,
  };
}

/** Whether the resent contact equals the stored one (compared in clear, inside the server). */
function sameContact(ctx: Ctx, row: repo.ResourceRow, v: NormalizedResource): boolean {
  const now = v.contact ?? { phone: null, idNumber: null };
  const was = presentResource(ctx.actor, row, ctx.platform.config).contact ?? { phone: null, idNumber: null };
  return (now.phone ?? null) === (was.phone ?? null) && (now.idNumber ?? null) === (was.idNumber ?? null);
}

/** Archives a resource (kept for history, hidden from lists and the map). */
export async function archiveResource(ctx: Ctx, kind: ResourceKind, id: string, input: ResourceArchiveInput): Promise<ResourceDto> {
  const row = await loadResource(ctx, kind, id, 'resource.manage', true);
  if (row.archived_at) conflict('资源已归档');
  await repo.setArchived(ctx.tx, id, ctx.now, ctx.actor.userId, ctx.now);
  return presentResource(ctx.actor, await afterWrite(ctx, row, id, 'archived', input.reason));
}

/** Restores an archived resource. */
export async function restoreResource(ctx: Ctx, kind: ResourceKind, id: string, input: ResourceRestoreInput): Promise<ResourceDto> {
  const row = await loadResource(ctx, kind, id, 'resource.manage', true);
  if (!row.archived_at) conflict('资源未归档');
  await repo.setArchived(ctx.tx, id, null, ctx.actor.userId, ctx.now);
  return presentResource(ctx.actor, await afterWrite(ctx, row, id, 'restored', input?.reason || undefined));
}

/**
 * One resource as the actor sees it. An expert's contact is opened for holders of
 * `expert.contact.read` in the resource's org, and that reading is audited.
 */
export async function getResource(ctx: Ctx, kind: ResourceKind, id: string): Promise<ResourceDto> {
  const row = await loadResource(ctx, kind, id);
  const unmask = row.kind === 'expert' && row.sealed !== null && hasPermissionIn(ctx.actor, 'expert.contact.read', row.org_path);
  if (unmask)
    await recordAudit(ctx, {
      action: 'expert.contact_viewed',
      entity: 'resource',
      entityId: id,
      after: { name: row.name, fields: Object.keys(row.sealed ?? {}) },
    });
  return presentResource(ctx.actor, row, unmask ? ctx.platform.config : false);
}

/** For other modules (command): a resource by id in the actor's scope, contact masked. */
export async function getResourceById(ctx: Ctx, id: string): Promise<ResourceDto> {
  return presentResource(ctx.actor, await loadResource(ctx, null, id));
}

/** For other modules (command): sets a rescue team's status (available, on_mission, resting). */
export async function setTeamStatus(ctx: Ctx, teamId: string, status: 'available' | 'on_mission' | 'resting'): Promise<ResourceDto> {
  const row = await loadResource(ctx, 'team', teamId, 'resource.read', true);
  if (!['available', 'on_mission', 'resting'].includes(status)) invalid('status', '队伍状态无效');
  if (row.archived_at) conflict('已归档的队伍不能调度');
  if (row.status === status) return presentResource(ctx.actor, row);
  await repo.setStatus(ctx.tx, teamId, status, ctx.actor.userId, ctx.now);
  return presentResource(ctx.actor, await afterWrite(ctx, row, teamId, 'status_changed'));
}

export type EquipmentStatus = keyof (typeof RESOURCE_STATUSES)['equipment'];

/**
 * For other modules (command): moves a piece of equipment from `expectedFrom` to `to` (e.g.
 * available → in_use when it is dispatched to a task) with one conditional update, so of two
 * concurrent allocations exactly one wins and the other gets a 409. Archived, in-maintenance and
 * retired equipment is refused (409). With `field`, equipment that does not exist, is not visible to
 * the actor or is another kind of resource is a 400 on that field (the caller's input named it);
 * without it, the usual 404. Audited on the resource like any status change.
 */
export async function setEquipmentStatus(
  ctx: Ctx,
  id: string,
  expectedFrom: EquipmentStatus,
  to: EquipmentStatus,
  opts: { field?: string } = {},
): Promise<ResourceDto> {
  if (!(to in RESOURCE_STATUSES.equipment) || !(expectedFrom in RESOURCE_STATUSES.equipment)) invalid('status', '装备状态无效');
  let row: repo.ResourceRow;
  if (opts.field) {
    const found = await repo.findResource(ctx.tx, id);
    if (!found || found.kind !== 'equipment' || !can(ctx.actor, 'resource.read', found)) invalid(opts.field, '装备不存在');
    row = found;
  } else row = await loadResource(ctx, 'equipment', id);
  if (!(await repo.setEquipmentStatusIf(ctx.tx, id, expectedFrom, to, ctx.actor.userId, ctx.now))) {
    const now = (await repo.findResource(ctx.tx, id)) ?? row;
    conflict(equipmentRefusal(now, expectedFrom, to));
  }
  return presentResource(ctx.actor, await afterWrite(ctx, { ...row, status: expectedFrom }, id, 'status_changed'));
}

/** Why an equipment's status could not change, in words for the commander. */
function equipmentRefusal(row: repo.ResourceRow, from: EquipmentStatus, to: EquipmentStatus): string {
  const labels: Record<string, string> = RESOURCE_STATUSES.equipment;
  const what = to === 'in_use' ? '不能调派' : '不能变更状态';
  if (row.archived_at) return `装备“${row.name}”已归档，${what}`;
  if (row.status === 'maintenance') return `装备“${row.name}”正在维修，${what}`;
  if (row.status === 'retired') return `装备“${row.name}”已报废，${what}`;
  if (row.status === to && to === 'in_use') return `装备“${row.name}”已在使用中（可能刚被调派到其他任务），不能重复调派`;
  return `装备“${row.name}”当前状态为“${labels[row.status] ?? row.status}”而不是“${labels[from]}”，请刷新后重试`;
}

/** The change history of a resource, newest first. */
export async function resourceHistory(ctx: Ctx, kind: ResourceKind, id: string): Promise<ResourceHistoryDto[]> {
  await loadResource(ctx, kind, id);
  return (await repo.listHistory(ctx.tx, id)).map((h) => presentHistory(h as Parameters<typeof presentHistory>[0]));
}

/** Live resources in scope, per kind and status (every kind present, zero when empty). */
export async function resourceSummary(ctx: Ctx): Promise<ResourceSummaryDto> {
  const out: ResourceSummaryDto = Object.fromEntries(RESOURCE_KINDS.map((k) => [k, { total: 0, byStatus: {} }]));
  if (!hasPermission(ctx.actor, 'resource.read')) return out;
  for (const r of await repo.summaryCounts(ctx.tx, resourceScope(ctx.actor))) {
    const s = out[r.kind]!;
    s.total += Number(r.n);
    s.byStatus[r.status] = Number(r.n);
  }
  return out;
}
