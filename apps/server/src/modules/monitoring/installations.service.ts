import {
  INSTALLATION_EVENTS,
  type DeviceArchiveInput,
  type InstallationDto,
  type InstallationInput,
  type InstallationListQuery,
  type InstallationPatch,
  type PageOf,
  type SubstanceInput,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { DEVICES_TOPIC } from './device.events.js';
import { decodeCursor, encodeCursor } from './device-queries.service.js';
import { checkVersion, locationOrThrow } from './device-rules.js';
import { checkEnterprise, owningOrg } from './devices.service.js';
import { gradeInstallation, resolveSubstance, type ResolvedSubstance } from './hazard-grade.js';
import * as repo from './installations.repository.js';
import { can, monitoringScope } from './monitoring.policy.js';
import { presentInstallation } from './monitoring.presenter.js';
import { pointsWithOwners } from './points.repository.js';

async function loadInstallation(ctx: Ctx, id: string, perm: 'monitoring.read' | 'monitoring.manage' = 'monitoring.read', lock = false) {
  const row = lock ? await repo.lockInstallation(ctx.tx, id) : await repo.findInstallation(ctx.tx, id);
  if (!row) notFound('重大危险源', id);
  if (!can(ctx.actor, 'monitoring.read', row)) return denyOutOfScope(ctx, 'hazard_installation', id);
  if (perm !== 'monitoring.read' && !can(ctx.actor, perm, row)) throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
  return row;
}

/** Q and β prefilled from the standard; every unresolved substance is one field error. */
function resolveAll(list: readonly SubstanceInput[]): ResolvedSubstance[] {
  const out: ResolvedSubstance[] = [];
  const errors: { field: string; message: string }[] = [];
  list.forEach((s, i) => {
    const r = resolveSubstance(s, i);
    if ('error' in r) errors.push({ field: `substances.${i}.${r.error.field}`, message: r.error.message });
    else out.push(r.value);
  });
  if (errors.length > 0) throw new AppError('VALIDATION', errors[0]!.message, { errors });
  return out;
}

/** Linked points must exist, belong to live devices, and lie where the actor manages monitoring. */
async function checkPoints(ctx: Ctx, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = new Map((await pointsWithOwners(ctx.tx, unique)).map((p) => [p.id, p]));
  unique.forEach((id, i) => {
    const p = found.get(id);
    if (!p || p.archived || !can(ctx.actor, 'monitoring.read', p)) invalid(`pointIds.${i}`, '测点不存在或不可见');
  });
  return unique;
}

async function present(ctx: Ctx, row: repo.InstallationRow): Promise<InstallationDto> {
  return presentInstallation(ctx.actor, row, await repo.installationPoints(ctx.tx, [row.id]));
}

async function afterWrite(ctx: Ctx, before: repo.InstallationRow | null, id: string, action: string, extra: Record<string, unknown> = {}) {
  const row = (await repo.findInstallation(ctx.tx, id))!;
  const snap = (r: repo.InstallationRow) => ({
    name: r.name,
    people500m: r.people_500m,
    s: Number(r.s_value),
    r: Number(r.r_value),
    grade: r.grade,
  });
  await recordAudit(ctx, {
    action,
    entity: 'hazard_installation',
    entityId: id,
    before: before ? { ...snap(before), version: before.version } : null,
    after: { ...snap(row), code: row.code, version: row.version, substances: row.substances, ...extra },
  });
  await emit(
    ctx,
    INSTALLATION_EVENTS.changed,
    { installationId: id, code: row.code, grade: row.grade, change: action.split('.')[1], version: row.version },
    { topic: DEVICES_TOPIC, orgPath: row.org_path, permission: 'monitoring.read' },
  );
  return row;
}

function gradedWrite(
  v: { name: string; enterpriseId: string | null; address: string | null; location: { lng: number; lat: number }; people500m: number },
  org: { id: string; path: string },
  substances: ResolvedSubstance[],
): repo.InstallationWrite {
  const g = gradeInstallation(substances, v.people500m);
  return {
    name: v.name,
    org_id: org.id,
    org_path: org.path,
    enterprise_id: v.enterpriseId,
    address: v.address,
    location: v.location,
    people_500m: v.people500m,
    alpha: g.alpha,
    substances,
    s_value: g.s,
    r_value: g.r,
    grade: g.grade,
  };
}

/** Registers a major hazard installation, graded per GB 18218-2018, with its monitoring points. */
export async function createInstallation(ctx: Ctx, input: InstallationInput): Promise<InstallationDto> {
  const substances = resolveAll(input.substances);
  const location = locationOrThrow(input.location);
  const org = await owningOrg(ctx, input.orgId);
  const enterpriseId = await checkEnterprise(ctx, input.enterpriseId);
  const pointIds = await checkPoints(ctx, input.pointIds ?? []);
  const id = newId();
  const write = gradedWrite(
    { name: input.name, enterpriseId, address: input.address ?? null, location, people500m: input.people500m },
    org,
    substances,
  );
  await repo.insertInstallation(ctx.tx, { ...write, id, code: input.code, source: 'manual', actorId: ctx.actor.userId, now: ctx.now });
  await repo.replacePoints(ctx.tx, id, pointIds);
  return present(ctx, await afterWrite(ctx, null, id, 'installation.created', { points: pointIds.length }));
}

/** Edits an installation at the version the editor saw; S, R and the grade are recomputed. */
export async function updateInstallation(ctx: Ctx, id: string, patch: InstallationPatch): Promise<InstallationDto> {
  const row = await loadInstallation(ctx, id, 'monitoring.manage', true);
  if (row.archived_at) conflict('已归档的重大危险源不能修改');
  checkVersion(row, patch.version);
  const substances = patch.substances ? resolveAll(patch.substances) : row.substances;
  const location = patch.location ? locationOrThrow(patch.location) : { lng: Number(row.lng), lat: Number(row.lat) };
  const org = patch.orgId && patch.orgId !== row.org_id ? await owningOrg(ctx, patch.orgId) : { id: row.org_id, path: row.org_path };
  const enterpriseId =
    patch.enterpriseId === undefined || patch.enterpriseId === row.enterprise_id
      ? row.enterprise_id
      : await checkEnterprise(ctx, patch.enterpriseId);
  const write = gradedWrite(
    {
      name: patch.name ?? row.name,
      enterpriseId,
      address: patch.address === undefined ? row.address : patch.address,
      location,
      people500m: patch.people500m ?? Number(row.people_500m),
    },
    org,
    substances,
  );
  await repo.updateInstallation(ctx.tx, id, write, ctx.actor.userId, ctx.now);
  if (patch.pointIds) await repo.replacePoints(ctx.tx, id, await checkPoints(ctx, patch.pointIds));
  return present(ctx, await afterWrite(ctx, row, id, 'installation.updated'));
}

export async function archiveInstallation(ctx: Ctx, id: string, input: DeviceArchiveInput): Promise<InstallationDto> {
  const row = await loadInstallation(ctx, id, 'monitoring.manage', true);
  if (row.archived_at) conflict('重大危险源已归档');
  await repo.setArchived(ctx.tx, id, ctx.now, ctx.actor.userId, ctx.now);
  return present(ctx, await afterWrite(ctx, row, id, 'installation.archived', { reason: input.reason }));
}

export async function getInstallation(ctx: Ctx, id: string): Promise<InstallationDto> {
  return present(ctx, await loadInstallation(ctx, id));
}

/** Installations in scope, most severe first. */
export async function listInstallationPage(ctx: Ctx, q: InstallationListQuery): Promise<PageOf<InstallationDto>> {
  const f: repo.InstallationFilters = {
    scope: monitoringScope(ctx.actor),
    q: q.q || undefined,
    grade: q.grade,
    divisionCode: q.divisionCode,
    enterpriseId: q.enterpriseId,
    includeArchived: q.includeArchived,
  };
  const [rows, total] = await Promise.all([
    repo.listInstallations(ctx.tx, f, { limit: q.limit, after: decodeCursor(q.cursor) }),
    repo.countInstallations(ctx.tx, f),
  ]);
  const page = rows.slice(0, q.limit);
  const points = await repo.installationPoints(
    ctx.tx,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) =>
      presentInstallation(
        ctx.actor,
        r,
        points.filter((p) => p.installation_id === r.id),
      ),
    ),
    nextCursor: rows.length > q.limit && last ? encodeCursor(`${last.grade ?? 5}|${Number(last.r_value)}`, last.id) : null,
    total,
  };
}
