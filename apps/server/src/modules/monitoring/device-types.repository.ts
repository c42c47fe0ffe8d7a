import type { DefaultPoint, DeviceCategory } from '@vigil/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { deviceDb } from './device.tables.js';

export interface DeviceTypeRow {
  code: string;
  category: DeviceCategory;
  name_zh: string;
  name_en: string;
  points: DefaultPoint[];
  builtin: boolean;
  device_count: number;
}

function view(db: Kysely<Database>) {
  return deviceDb(db)
    .selectFrom('device_type as t')
    .select(['t.code', 't.category', 't.name_zh', 't.name_en', 't.points', 't.builtin'])
    .select(sql<number>`(SELECT count(*)::int FROM device d WHERE d.type_code = t.code AND d.archived_at IS NULL)`.as('device_count'));
}

/** Every device type (built-in first, then by category and code). */
export async function listDeviceTypes(db: Kysely<Database>, category?: DeviceCategory): Promise<DeviceTypeRow[]> {
  let q = view(db);
  if (category) q = q.where('t.category', '=', category);
  return (await q.orderBy('t.builtin', 'desc').orderBy('t.category').orderBy('t.code').execute()) as DeviceTypeRow[];
}

export async function findDeviceType(db: Kysely<Database>, code: string): Promise<DeviceTypeRow | undefined> {
  return (await view(db).where('t.code', '=', code).executeTakeFirst()) as DeviceTypeRow | undefined;
}

/** Inserts a type; false when the code is taken. */
export async function insertDeviceType(
  db: Kysely<Database>,
  t: { code: string; category: DeviceCategory; nameZh: string; nameEn: string; points: DefaultPoint[]; builtin: boolean; now: Date },
): Promise<boolean> {
  const r = await deviceDb(db)
    .insertInto('device_type')
    .values({
      code: t.code,
      category: t.category,
      name_zh: t.nameZh,
      name_en: t.nameEn,
      points: JSON.stringify(t.points),
      builtin: t.builtin,
      created_at: t.now,
      updated_at: t.now,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  return Boolean(r);
}

export async function updateDeviceType(
  db: Kysely<Database>,
  code: string,
  t: { category: DeviceCategory; nameZh: string; nameEn: string; points: DefaultPoint[]; now: Date },
): Promise<void> {
  await deviceDb(db)
    .updateTable('device_type')
    .set({ category: t.category, name_zh: t.nameZh, name_en: t.nameEn, points: JSON.stringify(t.points), updated_at: t.now })
    .where('code', '=', code)
    .execute();
}

/** Deletes a custom type that no device (archived or not) uses. */
export async function deleteDeviceType(db: Kysely<Database>, code: string): Promise<void> {
  await deviceDb(db).deleteFrom('device_type').where('code', '=', code).where('builtin', '=', false).execute();
}

export async function typeInUse(db: Kysely<Database>, code: string): Promise<boolean> {
  return Boolean(await deviceDb(db).selectFrom('device').select('id').where('type_code', '=', code).limit(1).executeTakeFirst());
}

/**
 * Writes the built-in catalogue: new types are inserted and existing built-in ones take the
 * catalogue's names and default points (devices keep the points they were created with).
 */
export async function upsertBuiltinTypes(
  db: Kysely<Database>,
  types: readonly { code: string; category: DeviceCategory; nameZh: string; nameEn: string; points: DefaultPoint[] }[],
  now: Date,
): Promise<void> {
  if (types.length === 0) return;
  await deviceDb(db)
    .insertInto('device_type')
    .values(
      types.map((t) => ({
        code: t.code,
        category: t.category,
        name_zh: t.nameZh,
        name_en: t.nameEn,
        points: JSON.stringify(t.points),
        builtin: true,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({
        category: (eb) => eb.ref('excluded.category'),
        name_zh: (eb) => eb.ref('excluded.name_zh'),
        name_en: (eb) => eb.ref('excluded.name_en'),
        points: (eb) => eb.ref('excluded.points'),
        builtin: true,
        updated_at: sql`CASE WHEN device_type.points IS DISTINCT FROM excluded.points OR device_type.name_zh IS DISTINCT FROM excluded.name_zh THEN excluded.updated_at ELSE device_type.updated_at END`,
      }),
    )
    .execute();
}
