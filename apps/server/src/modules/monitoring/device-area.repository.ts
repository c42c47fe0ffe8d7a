import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

export interface AreaDevice {
  id: string;
  code: string;
  name: string;
}

/**
 * Active, unarchived devices located in an area: inside one of the admin divisions (by code) or
 * inside the GeoJSON geometry (WGS84). Uses the device location's GiST index.
 */
export async function devicesInArea(
  db: Kysely<Database>,
  area: { divisionCodes: readonly string[]; geometry: string | null },
  limit = 20_000,
): Promise<AreaDevice[]> {
  const shape = area.geometry
    ? sql`OR ST_Intersects(dev.location, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${area.geometry}), 4326)))`
    : sql``;
  const r = await sql<AreaDevice>`
    SELECT dev.id, dev.code, dev.name
    FROM device dev
    WHERE dev.archived_at IS NULL AND dev.status = 'active'
      AND (
        EXISTS (
          SELECT 1 FROM admin_division d
          WHERE d.code = ANY(${[...area.divisionCodes]}::text[]) AND d.geom IS NOT NULL AND ST_Intersects(d.geom, dev.location)
        )
        ${shape}
      )
    ORDER BY dev.code
    LIMIT ${limit}`.execute(db);
  return r.rows;
}
