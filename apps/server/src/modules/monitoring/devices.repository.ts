import type { DeviceCategory, DeviceStatus } from '@vigil/shared';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { deviceDb } from './device.tables.js';

type Db = Kysely<Database>;

/** A device as stored, with its point as lng/lat and the names shown next to ids. */
export interface DeviceRow {
  id: string;
  code: string;
  type_code: string;
  type_name_zh: string;
  type_name_en: string;
  category: DeviceCategory;
  name: string;
  vendor: string | null;
  model: string | null;
  org_id: string;
  org_path: string;
  org_name: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  site: string | null;
  division_code: string | null;
  address: string | null;
  lng: number;
  lat: number;
  install_date: string | null;
  status: DeviceStatus;
  online: boolean;
  last_seen_at: Date | null;
  open_alarms: number;
  secret_rotated_at: Date | null;
  source: 'manual' | 'import' | 'demo' | 'scale';
  version: number;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** The columns an edit sets. */
export interface DeviceWrite {
  name: string;
  vendor: string | null;
  model: string | null;
  org_id: string;
  org_path: string;
  enterprise_id: string | null;
  site: string | null;
  address: string | null;
  location: { lng: number; lat: number };
  install_date: string | null;
  status: DeviceStatus;
}

export interface DeviceFilters {
  /** Org subtrees the actor may read; null = everywhere (system). */
  scope: readonly string[] | null;
  q?: string | undefined;
  typeCode?: string | undefined;
  category?: DeviceCategory | undefined;
  status?: DeviceStatus | undefined;
  divisionCode?: string | undefined;
  enterpriseId?: string | undefined;
  orgPath?: string | undefined;
  online?: boolean | undefined;
  includeArchived?: boolean | undefined;
}

export type DeviceSortKey = 'code' | 'name' | 'updatedAt';
const SORT_COLUMN: Record<DeviceSortKey, 'd.code' | 'd.name' | 'd.updated_at'> = {
  code: 'd.code',
  name: 'd.name',
  updatedAt: 'd.updated_at',
};

export const pointSql = (p: { lng: number; lat: number }) => sql`ST_SetSRID(ST_MakePoint(${p.lng}, ${p.lat}), 4326)`;
/** The county (level 'county') containing the point, resolved in SQL at write time. */
export const countySql = (p: { lng: number; lat: number }) =>
  sql<
    string | null
  >`(SELECT ad.code FROM admin_division ad WHERE ad.level = 'county' AND ad.geom && ${pointSql(p)} AND ST_Contains(ad.geom, ${pointSql(p)}) ORDER BY ad.code LIMIT 1)`;

/** Open alarms (active or acknowledged) of a device: what makes it red on the map. */
export const openAlarmsSql = (deviceRef: string) =>
  sql<number>`(SELECT count(*)::int FROM alarm a WHERE a.device_id = ${sql.ref(deviceRef)} AND a.status IN ('active','acknowledged'))`;

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function view(db: Db) {
  return deviceDb(db)
    .selectFrom('device as d')
    .innerJoin('org as o', 'o.id', 'd.org_id')
    .innerJoin('device_type as t', 't.code', 'd.type_code')
    .select([
      'd.id',
      'd.code',
      'd.type_code',
      't.name_zh as type_name_zh',
      't.name_en as type_name_en',
      't.category',
      'd.name',
      'd.vendor',
      'd.model',
      'd.org_id',
      'd.org_path',
      'o.name as org_name',
      'd.enterprise_id',
      'd.site',
      'd.division_code',
      'd.address',
      'd.status',
      'd.online',
      'd.last_seen_at',
      'd.secret_rotated_at',
      'd.source',
      'd.version',
      'd.archived_at',
      'd.created_at',
      'd.updated_at',
    ])
    .select([
      sql<string | null>`(SELECT r.name FROM resource r WHERE r.id = d.enterprise_id)`.as('enterprise_name'),
      sql<string | null>`to_char(d.install_date, 'YYYY-MM-DD')`.as('install_date'),
      sql<number>`ST_X(d.location)`.as('lng'),
      sql<number>`ST_Y(d.location)`.as('lat'),
      openAlarmsSql('d.id').as('open_alarms'),
    ]);
}

function scopeExpr(scope: readonly string[] | null): Expression<SqlBool> {
  return scope === null ? sql<SqlBool>`true` : pathWithin('d.org_path', scope);
}

function filtered(db: Db, f: DeviceFilters) {
  let q = view(db).where(scopeExpr(f.scope));
  if (!f.includeArchived) q = q.where('d.archived_at', 'is', null);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('d.name', 'ilike', like), eb('d.code', 'ilike', like), eb('d.site', 'ilike', like)]));
  }
  if (f.typeCode) q = q.where('d.type_code', '=', f.typeCode);
  if (f.category) q = q.where('t.category', '=', f.category);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.divisionCode) {
    q = f.divisionCode.endsWith('00')
      ? q.where('d.division_code', 'like', `${f.divisionCode.replace(/0+$/, '')}%`)
      : q.where('d.division_code', '=', f.divisionCode);
  }
  if (f.enterpriseId) q = q.where('d.enterprise_id', '=', f.enterpriseId);
  if (f.orgPath) q = q.where(pathWithin('d.org_path', [f.orgPath]));
  if (f.online !== undefined) q = q.where('d.online', '=', f.online);
  return q;
}

export interface PageRequest {
  sort: DeviceSortKey;
  order: 'asc' | 'desc';
  limit: number;
  after: { value: string; id: string } | null;
}

/** One page of a filtered list (limit + 1 rows fetched so the caller knows if more follow). */
export async function listDevices(db: Db, f: DeviceFilters, p: PageRequest): Promise<DeviceRow[]> {
  const col = SORT_COLUMN[p.sort];
  let q = filtered(db, f);
  if (p.after) {
    const op = p.order === 'asc' ? sql`>` : sql`<`;
    const value = p.sort === 'updatedAt' ? sql`${p.after.value}::timestamptz` : sql`${p.after.value}`;
    q = q.where(sql<SqlBool>`(${sql.ref(col)}, d.id) ${op} (${value}, ${p.after.id}::uuid)`);
  }
  const rows = await q
    .orderBy(col, p.order)
    .orderBy('d.id', p.order)
    .limit(p.limit + 1)
    .execute();
  return rows as DeviceRow[];
}

export async function countDevices(db: Db, f: DeviceFilters): Promise<number> {
  const r = await filtered(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findDevice(db: Db, id: string): Promise<DeviceRow | undefined> {
  return (await view(db).where('d.id', '=', id).executeTakeFirst()) as DeviceRow | undefined;
}

/** The row locked for an update in the current transaction. */
export async function lockDevice(db: Db, id: string): Promise<DeviceRow | undefined> {
  const locked = await deviceDb(db).selectFrom('device').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return locked ? findDevice(db, id) : undefined;
}

/** Ids of devices by code (for imports). */
export async function deviceIdsByCode(db: Db, codes: readonly string[]): Promise<Map<string, { id: string; org_path: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await deviceDb(db)
    .selectFrom('device')
    .select(['id', 'code', 'org_path'])
    .where('code', 'in', [...codes])
    .execute();
  return new Map(rows.map((r) => [r.code, { id: r.id, org_path: r.org_path }]));
}

const duplicate = (code: string) =>
  new AppError('CONFLICT', `设备编码 ${code} 已存在`, { errors: [{ field: 'code', message: '设备编码已被使用' }] });

/** Inserts a device; the county is derived from the point. A duplicate code is a 409 on `code`. */
export async function insertDevice(
  db: Db,
  d: DeviceWrite & {
    id: string;
    code: string;
    type_code: string;
    secret_hash: string;
    source: DeviceRow['source'];
    actorId: string | null;
    now: Date;
  },
): Promise<void> {
  const res = await deviceDb(db)
    .insertInto('device')
    .values({
      id: d.id,
      code: d.code,
      type_code: d.type_code,
      name: d.name,
      vendor: d.vendor,
      model: d.model,
      org_id: d.org_id,
      org_path: d.org_path,
      enterprise_id: d.enterprise_id,
      site: d.site,
      division_code: countySql(d.location),
      address: d.address,
      location: pointSql(d.location),
      install_date: d.install_date,
      status: d.status,
      secret_hash: d.secret_hash,
      secret_rotated_at: d.now,
      source: d.source,
      created_by: d.actorId,
      created_at: d.now,
      updated_by: d.actorId,
      updated_at: d.now,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!res) throw duplicate(d.code);
}

/** Overwrites a device's editable columns and bumps its version. */
export async function updateDevice(db: Db, id: string, d: DeviceWrite, actorId: string | null, now: Date): Promise<void> {
  await deviceDb(db)
    .updateTable('device')
    .set({
      name: d.name,
      vendor: d.vendor,
      model: d.model,
      org_id: d.org_id,
      org_path: d.org_path,
      enterprise_id: d.enterprise_id,
      site: d.site,
      division_code: countySql(d.location),
      address: d.address,
      location: pointSql(d.location),
      install_date: d.install_date,
      status: d.status,
      version: sql`version + 1`,
      updated_by: actorId,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Bumps the version (an edit of a point is an edit of its device). */
export async function touchDevice(db: Db, id: string, actorId: string | null, now: Date): Promise<void> {
  await deviceDb(db)
    .updateTable('device')
    .set({ version: sql`version + 1`, updated_by: actorId, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setArchived(db: Db, id: string, archivedAt: Date | null, actorId: string | null, now: Date): Promise<void> {
  await deviceDb(db)
    .updateTable('device')
    .set({ archived_at: archivedAt, online: false, version: sql`version + 1`, updated_by: actorId, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setSecretHash(db: Db, id: string, hash: string, actorId: string | null, now: Date): Promise<void> {
  await deviceDb(db)
    .updateTable('device')
    .set({ secret_hash: hash, secret_rotated_at: now, version: sql`version + 1`, updated_by: actorId, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Whether an enterprise id names a live hazard-source resource, and its org path. */
export async function findEnterprise(db: Db, id: string): Promise<{ id: string; org_path: string; name: string } | undefined> {
  return db
    .selectFrom('resource')
    .select(['id', 'org_path', 'name'])
    .where('id', '=', id)
    .where('kind', '=', 'hazard')
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}
