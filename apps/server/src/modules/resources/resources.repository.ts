import type { ResourceKind } from '@vigil/shared';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { NormalizedArea } from './resource-rules.js';

type Db = Kysely<Database>;

/** A resource as stored, with its point as lng/lat and the names shown next to codes. */
export interface ResourceRow {
  id: string;
  kind: ResourceKind;
  org_id: string;
  org_path: string;
  org_name: string;
  external_code: string;
  name: string;
  type_code: string | null;
  type_name: string | null;
  status: string;
  division_code: string | null;
  address: string | null;
  phone: string | null;
  lng: number;
  lat: number;
  area: unknown;
  attrs: Record<string, unknown>;
  sealed: Record<string, string> | null;
  masked: Record<string, string> | null;
  source: 'manual' | 'import' | 'demo' | 'scale';
  version: number;
  archived_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_by: string | null;
  updated_at: Date;
}

/** The columns a write sets (the point and area as WGS84 values). */
export interface ResourceWrite {
  org_id: string;
  org_path: string;
  external_code: string;
  name: string;
  type_code: string | null;
  status: string;
  address: string | null;
  phone: string | null;
  location: { lng: number; lat: number };
  area: NormalizedArea | null;
  attrs: Record<string, unknown>;
  sealed: Record<string, string> | null;
  masked: Record<string, string> | null;
}

export interface ResourceFilters {
  kind: ResourceKind;
  /** Org subtrees the actor may read; null = everywhere (system). */
  scope: readonly string[] | null;
  q?: string | undefined;
  typeCodePrefix?: string | undefined;
  status?: string | undefined;
  divisionCode?: string | undefined;
  orgPath?: string | undefined;
  bbox?: [number, number, number, number] | undefined;
  includeArchived?: boolean | undefined;
}

export type SortKey = 'name' | 'externalCode' | 'updatedAt';
const SORT_COLUMN: Record<SortKey, 'r.name' | 'r.external_code' | 'r.updated_at'> = {
  name: 'r.name',
  externalCode: 'r.external_code',
  updatedAt: 'r.updated_at',
};

const pointSql = (p: { lng: number; lat: number }) => sql`ST_SetSRID(ST_MakePoint(${p.lng}, ${p.lat}), 4326)`;
const areaSql = (a: NormalizedArea | null) => (a ? sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(a)}), 4326)` : sql`NULL`);
/** The county (level 'county') containing the point, resolved in SQL at write time. */
const countySql = (p: { lng: number; lat: number }) =>
  sql<
    string | null
  >`(SELECT d.code FROM admin_division d WHERE d.level = 'county' AND d.geom && ${pointSql(p)} AND ST_Contains(d.geom, ${pointSql(p)}) ORDER BY d.code LIMIT 1)`;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function views(db: Db) {
  return db
    .selectFrom('resource as r')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .select([
      'r.id',
      'r.kind',
      'r.org_id',
      'r.org_path',
      'o.name as org_name',
      'r.external_code',
      'r.name',
      'r.type_code',
      'r.status',
      'r.division_code',
      'r.address',
      'r.phone',
      'r.attrs',
      'r.sealed',
      'r.masked',
      'r.source',
      'r.version',
      'r.archived_at',
      'r.created_by',
      'r.created_at',
      'r.updated_by',
      'r.updated_at',
    ])
    .select([
      sql<string | null>`(SELECT c.name FROM code_table c WHERE c.code = r.type_code ORDER BY c.family LIMIT 1)`.as('type_name'),
      sql<number>`ST_X(r.location)`.as('lng'),
      sql<number>`ST_Y(r.location)`.as('lat'),
      sql<unknown>`CASE WHEN r.area IS NULL THEN NULL ELSE ST_AsGeoJSON(r.area, 7)::json END`.as('area'),
    ]);
}

function scopeExpr(scope: readonly string[] | null): Expression<SqlBool> {
  return scope === null ? sql<SqlBool>`true` : pathWithin('r.org_path', scope);
}

function filtered(db: Db, f: ResourceFilters) {
  let q = views(db).where('r.kind', '=', f.kind).where(scopeExpr(f.scope));
  if (!f.includeArchived) q = q.where('r.archived_at', 'is', null);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('r.name', 'ilike', like), eb('r.external_code', 'ilike', like)]));
  }
  if (f.typeCodePrefix) q = q.where('r.type_code', 'like', `${escapeLike(f.typeCodePrefix)}%`);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.divisionCode) {
    // A city code (3505 00) selects all of its counties.
    q = f.divisionCode.endsWith('00')
      ? q.where('r.division_code', 'like', `${f.divisionCode.replace(/0+$/, '')}%`)
      : q.where('r.division_code', '=', f.divisionCode);
  }
  if (f.orgPath) q = q.where(pathWithin('r.org_path', [f.orgPath]));
  if (f.bbox) {
    const [a, b, c, d] = f.bbox;
    q = q.where(sql<SqlBool>`r.location && ST_MakeEnvelope(${a}, ${b}, ${c}, ${d}, 4326)`);
  }
  return q;
}

export interface PageRequest {
  sort: SortKey;
  order: 'asc' | 'desc';
  limit: number;
  after: { value: string; id: string } | null;
}

/** One page of a filtered list (limit + 1 rows fetched so the caller knows if more follow). */
export async function listResources(db: Db, f: ResourceFilters, p: PageRequest): Promise<ResourceRow[]> {
  const col = SORT_COLUMN[p.sort];
  let q = filtered(db, f);
  if (p.after) {
    const op = p.order === 'asc' ? sql`>` : sql`<`;
    const value = p.sort === 'updatedAt' ? sql`${p.after.value}::timestamptz` : sql`${p.after.value}`;
    q = q.where(sql<SqlBool>`(${sql.ref(col)}, r.id) ${op} (${value}, ${p.after.id}::uuid)`);
  }
  const rows = await q
    .orderBy(col, p.order)
    .orderBy('r.id', p.order)
    .limit(p.limit + 1)
    .execute();
  return rows as ResourceRow[];
}

export async function countResources(db: Db, f: ResourceFilters): Promise<number> {
  const r = await filtered(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findResource(db: Db, id: string): Promise<ResourceRow | undefined> {
  return (await views(db).where('r.id', '=', id).executeTakeFirst()) as ResourceRow | undefined;
}

/** The row locked for an update in the current transaction. */
export async function lockResource(db: Db, id: string): Promise<ResourceRow | undefined> {
  const locked = await db.selectFrom('resource').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return locked ? findResource(db, id) : undefined;
}

export async function findByExternalCode(db: Db, kind: ResourceKind, code: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('resource').select('id').where('kind', '=', kind).where('external_code', '=', code).executeTakeFirst();
}

const duplicate = (code: string) =>
  new AppError('CONFLICT', `外部编码 ${code} 已存在`, { errors: [{ field: 'externalCode', message: '外部编码已被使用' }] });

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** Inserts a resource; the county is derived from the point. A duplicate external code is a 409 on externalCode. */
export async function insertResource(
  db: Db,
  r: ResourceWrite & { id: string; kind: ResourceKind; source: ResourceRow['source']; actorId: string | null; now: Date },
): Promise<void> {
  const res = await db
    .insertInto('resource')
    .values({
      id: r.id,
      kind: r.kind,
      org_id: r.org_id,
      org_path: r.org_path,
      external_code: r.external_code,
      name: r.name,
      type_code: r.type_code,
      status: r.status,
      division_code: countySql(r.location),
      address: r.address,
      phone: r.phone,
      location: pointSql(r.location),
      area: areaSql(r.area),
      attrs: JSON.stringify(r.attrs),
      sealed: r.sealed ? JSON.stringify(r.sealed) : null,
      masked: r.masked ? JSON.stringify(r.masked) : null,
      source: r.source,
      created_by: r.actorId,
      created_at: r.now,
      updated_by: r.actorId,
      updated_at: r.now,
    })
    .onConflict((oc) => oc.columns(['kind', 'external_code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!res) throw duplicate(r.external_code);
}

/** Overwrites a resource's editable columns and bumps its version. */
export async function updateResource(db: Db, id: string, r: ResourceWrite, actorId: string | null, now: Date): Promise<void> {
  try {
    await db
      .updateTable('resource')
      .set({
        org_id: r.org_id,
        org_path: r.org_path,
        external_code: r.external_code,
        name: r.name,
        type_code: r.type_code,
        status: r.status,
        division_code: countySql(r.location),
        address: r.address,
        phone: r.phone,
        location: pointSql(r.location),
        area: areaSql(r.area),
        attrs: JSON.stringify(r.attrs),
        sealed: r.sealed ? JSON.stringify(r.sealed) : null,
        masked: r.masked ? JSON.stringify(r.masked) : null,
        version: sql`version + 1`,
        updated_by: actorId,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(r.external_code);
    throw err;
  }
}

/** Sets or clears `archived_at` (and optionally the status) and bumps the version. */
export async function setArchived(db: Db, id: string, archivedAt: Date | null, actorId: string | null, now: Date): Promise<void> {
  await db
    .updateTable('resource')
    .set({ archived_at: archivedAt, version: sql`version + 1`, updated_by: actorId, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Changes only the status (dispatch, team availability) and bumps the version. */
export async function setStatus(db: Db, id: string, status: string, actorId: string | null, now: Date): Promise<void> {
  await db
    .updateTable('resource')
    .set({ status, version: sql`version + 1`, updated_by: actorId, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Changes a live equipment's status only if it is still `from` (an atomic conditional update:
 * of two concurrent allocations one finds the status already changed) and bumps the version.
 * False when the row is not live equipment at status `from`.
 */
export async function setEquipmentStatusIf(
  db: Db,
  id: string,
  from: string,
  to: string,
  actorId: string | null,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('resource')
    .set({ status: to, version: sql`version + 1`, updated_by: actorId, updated_at: now })
    .where('id', '=', id)
    .where('kind', '=', 'equipment')
    .where('status', '=', from)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertHistory(
  db: Db,
  h: {
    id: string;
    resource_id: string;
    version: number;
    action: string;
    snapshot: Record<string, unknown>;
    changed_by: string | null;
    changed_at: Date;
  },
): Promise<void> {
  await db
    .insertInto('resource_history')
    .values({ ...h, snapshot: JSON.stringify(h.snapshot) })
    .execute();
}

export async function listHistory(db: Db, resourceId: string) {
  return db
    .selectFrom('resource_history as h')
    .leftJoin('app_user as u', 'u.id', 'h.changed_by')
    .select([
      'h.version',
      'h.action',
      'h.changed_at',
      'h.snapshot',
      sql<string | null>`COALESCE(u.display_name, u.username)`.as('changed_by_name'),
    ])
    .where('h.resource_id', '=', resourceId)
    .orderBy('h.version', 'desc')
    .execute();
}

/** Which of the given national codes exist in the code table. */
export async function existingCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('code_table')
    .select('code')
    .where('code', 'in', [...codes])
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** Counts per kind and status of the live (not archived) resources in scope. */
export async function summaryCounts(db: Db, scope: readonly string[] | null) {
  return db
    .selectFrom('resource as r')
    .select(['r.kind', 'r.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.archived_at', 'is', null)
    .where(scopeExpr(scope))
    .groupBy(['r.kind', 'r.status'])
    .execute();
}
