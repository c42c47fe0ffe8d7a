import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { deviceDb } from './device.tables.js';
import { countySql, escapeLike, pointSql } from './devices.repository.js';
import type { ResolvedSubstance } from './hazard-grade.js';

type Db = Kysely<Database>;

export interface InstallationRow {
  id: string;
  code: string;
  name: string;
  org_id: string;
  org_path: string;
  org_name: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  division_code: string | null;
  address: string | null;
  lng: number;
  lat: number;
  people_500m: number;
  alpha: number;
  substances: ResolvedSubstance[];
  s_value: number;
  r_value: number;
  grade: number | null;
  source: 'manual' | 'import' | 'demo';
  version: number;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface InstallationPointRow {
  installation_id: string;
  id: string;
  metric: string;
  name: string;
  unit: string | null;
  device_id: string;
  device_code: string;
  device_name: string;
}

export interface InstallationWrite {
  name: string;
  org_id: string;
  org_path: string;
  enterprise_id: string | null;
  address: string | null;
  location: { lng: number; lat: number };
  people_500m: number;
  alpha: number;
  substances: ResolvedSubstance[];
  s_value: number;
  r_value: number;
  grade: number | null;
}

export interface InstallationFilters {
  scope: readonly string[] | null;
  q?: string | undefined;
  grade?: '1' | '2' | '3' | '4' | 'none' | undefined;
  divisionCode?: string | undefined;
  enterpriseId?: string | undefined;
  includeArchived?: boolean | undefined;
}

function view(db: Db) {
  return deviceDb(db)
    .selectFrom('hazard_installation as h')
    .innerJoin('org as o', 'o.id', 'h.org_id')
    .select([
      'h.id',
      'h.code',
      'h.name',
      'h.org_id',
      'h.org_path',
      'o.name as org_name',
      'h.enterprise_id',
      'h.division_code',
      'h.address',
      'h.people_500m',
      'h.alpha',
      'h.substances',
      'h.s_value',
      'h.r_value',
      'h.grade',
      'h.source',
      'h.version',
      'h.archived_at',
      'h.created_at',
      'h.updated_at',
    ])
    .select([
      sql<string | null>`(SELECT r.name FROM resource r WHERE r.id = h.enterprise_id)`.as('enterprise_name'),
      sql<number>`ST_X(h.location)`.as('lng'),
      sql<number>`ST_Y(h.location)`.as('lat'),
    ]);
}

function scopeExpr(scope: readonly string[] | null): Expression<SqlBool> {
  return scope === null ? sql<SqlBool>`true` : pathWithin('h.org_path', scope);
}

function filtered(db: Db, f: InstallationFilters) {
  let q = view(db).where(scopeExpr(f.scope));
  if (!f.includeArchived) q = q.where('h.archived_at', 'is', null);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('h.name', 'ilike', like), eb('h.code', 'ilike', like)]));
  }
  if (f.grade === 'none') q = q.where('h.grade', 'is', null);
  else if (f.grade) q = q.where('h.grade', '=', Number(f.grade));
  if (f.divisionCode) {
    q = f.divisionCode.endsWith('00')
      ? q.where('h.division_code', 'like', `${f.divisionCode.replace(/0+$/, '')}%`)
      : q.where('h.division_code', '=', f.divisionCode);
  }
  if (f.enterpriseId) q = q.where('h.enterprise_id', '=', f.enterpriseId);
  return q;
}

/** A page ordered by grade (一级 first), then R descending and id; limit + 1 rows. */
export async function listInstallations(
  db: Db,
  f: InstallationFilters,
  p: { limit: number; after: { value: string; id: string } | null },
): Promise<InstallationRow[]> {
  let q = filtered(db, f);
  // Keyset on (coalesce(grade, 5), -r_value, id), encoded as "grade|r".
  if (p.after) {
    const [g, r] = p.after.value.split('|').map(Number);
    q = q.where(sql<SqlBool>`(coalesce(h.grade, 5), -h.r_value, h.id) > (${g}::int, ${-Number(r)}::numeric, ${p.after.id}::uuid)`);
  }
  const rows = await q
    .orderBy(sql`coalesce(h.grade, 5)`)
    .orderBy(sql`-h.r_value`)
    .orderBy('h.id')
    .limit(p.limit + 1)
    .execute();
  return rows as unknown as InstallationRow[];
}

export async function countInstallations(db: Db, f: InstallationFilters): Promise<number> {
  const r = await filtered(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findInstallation(db: Db, id: string): Promise<InstallationRow | undefined> {
  return (await view(db).where('h.id', '=', id).executeTakeFirst()) as unknown as InstallationRow | undefined;
}

export async function lockInstallation(db: Db, id: string): Promise<InstallationRow | undefined> {
  const locked = await deviceDb(db).selectFrom('hazard_installation').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return locked ? findInstallation(db, id) : undefined;
}

/** The linked points of installations, with their devices (archived devices left out). */
export async function installationPoints(db: Db, ids: readonly string[]): Promise<InstallationPointRow[]> {
  if (ids.length === 0) return [];
  return deviceDb(db)
    .selectFrom('hazard_installation_point as hp')
    .innerJoin('point as p', 'p.id', 'hp.point_id')
    .innerJoin('device as d', 'd.id', 'p.device_id')
    .select(['hp.installation_id', 'p.id', 'p.metric', 'p.name', 'p.unit', 'p.device_id', 'd.code as device_code', 'd.name as device_name'])
    .where('hp.installation_id', 'in', [...ids])
    .where('d.archived_at', 'is', null)
    .orderBy('d.code')
    .orderBy('p.ref')
    .execute();
}

const duplicate = (code: string) =>
  new AppError('CONFLICT', `重大危险源编码 ${code} 已存在`, { errors: [{ field: 'code', message: '编码已被使用' }] });

const values = (w: InstallationWrite) => ({
  name: w.name,
  org_id: w.org_id,
  org_path: w.org_path,
  enterprise_id: w.enterprise_id,
  division_code: countySql(w.location),
  address: w.address,
  location: pointSql(w.location),
  people_500m: w.people_500m,
  alpha: w.alpha,
  substances: JSON.stringify(w.substances),
  s_value: w.s_value,
  r_value: w.r_value,
  grade: w.grade,
});

export async function insertInstallation(
  db: Db,
  w: InstallationWrite & { id: string; code: string; source: InstallationRow['source']; actorId: string | null; now: Date },
): Promise<void> {
  const res = await deviceDb(db)
    .insertInto('hazard_installation')
    .values({
      id: w.id,
      code: w.code,
      ...values(w),
      source: w.source,
      created_by: w.actorId,
      created_at: w.now,
      updated_by: w.actorId,
      updated_at: w.now,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!res) throw duplicate(w.code);
}

export async function updateInstallation(db: Db, id: string, w: InstallationWrite, actorId: string | null, now: Date): Promise<void> {
  await deviceDb(db)
    .updateTable('hazard_installation')
    .set({ ...values(w), version: sql`version + 1`, updated_by: actorId, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setArchived(db: Db, id: string, at: Date | null, actorId: string | null, now: Date): Promise<void> {
  await deviceDb(db)
    .updateTable('hazard_installation')
    .set({ archived_at: at, version: sql`version + 1`, updated_by: actorId, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Replaces the set of linked points. */
export async function replacePoints(db: Db, id: string, pointIds: readonly string[]): Promise<void> {
  await deviceDb(db).deleteFrom('hazard_installation_point').where('installation_id', '=', id).execute();
  if (pointIds.length === 0) return;
  await deviceDb(db)
    .insertInto('hazard_installation_point')
    .values(pointIds.map((p) => ({ installation_id: id, point_id: p })))
    .execute();
}
