import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database>;

/**
 * Counties each warning covers: those named by its division codes (a county's own code, the
 * county of a township code, or every county of a city or province code) and those its area overlaps by more than 1 % of the smaller of the
 * two — so a warning for one county does not also list its neighbours along the shared border.
 */
export async function countiesOf(db: Db, warningIds: readonly string[]): Promise<Map<string, { code: string; name: string }[]>> {
  const out = new Map<string, { code: string; name: string }[]>();
  if (warningIds.length === 0) return out;
  const r = await sql<{ warning_id: string; code: string; name: string }>`
    SELECT w.id::text AS warning_id, d.code, d.name
    FROM warning w
    JOIN admin_division d ON d.level = 'county'
    WHERE w.id = ANY(${[...warningIds]}::uuid[])
      AND (
        EXISTS (
          SELECT 1 FROM unnest(w.division_codes) AS c
          WHERE d.code = left(c, 6)
            -- a city (xxxx00) or province (xx0000) code covers every county under it (GB/T 2260)
            OR (length(c) = 6 AND substr(c, 5, 2) = '00' AND substr(c, 3, 4) <> '0000' AND left(d.code, 4) = left(c, 4))
            OR (length(c) = 6 AND substr(c, 3, 4) = '0000' AND left(d.code, 2) = left(c, 2))
        )
        OR (
          w.geom IS NOT NULL AND d.geom IS NOT NULL AND d.geom && w.geom AND ST_Intersects(d.geom, w.geom)
          AND ST_Area(ST_Intersection(d.geom, w.geom)) > 0.01 * LEAST(ST_Area(d.geom), ST_Area(w.geom))
        )
      )
    ORDER BY w.id, d.code`.execute(db);
  for (const row of r.rows) {
    const list = out.get(row.warning_id) ?? [];
    list.push({ code: row.code, name: row.name });
    out.set(row.warning_id, list);
  }
  return out;
}

/** English names of warning types, by code. */
export async function typeNamesEn(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('warning_type').select(['code', 'name_en']).execute();
  return new Map(rows.map((t) => [t.code, t.name_en]));
}

export interface AreaRow {
  identifier: string;
  headline: string;
  colour: string | null;
  type_code: string;
  geometry: string;
}

/** Areas of the warnings in force (published, not expired), simplified for display (~50 m). */
export async function activeAreas(db: Db, now: Date): Promise<AreaRow[]> {
  return db
    .selectFrom('warning as w')
    .select([
      'w.identifier as identifier',
      'w.headline',
      'w.colour',
      'w.type_code',
      sql<string>`ST_AsGeoJSON(ST_SimplifyPreserveTopology(w.geom, 0.0005), 5)`.as('geometry'),
    ])
    .where('w.status', '=', 'published')
    .where('w.geom', 'is not', null)
    .where('w.identifier', 'is not', null)
    .where((eb) => eb.or([eb('w.expires_at', 'is', null), eb('w.expires_at', '>', now)]))
    .orderBy('w.sent_at', 'desc')
    .limit(500)
    .execute() as Promise<AreaRow[]>;
}
