import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * Spatial look-ups of recipients. An area is the union of admin divisions (by code) and a GeoJSON
 * geometry; enterprises and protected sites are found by their point (GiST), subscribers by
 * their division filter (code prefix or boundary overlap).
 */

type Db = Kysely<Database>;

export interface AreaSql {
  divisionCodes: readonly string[];
  /** GeoJSON geometry (any type), WGS84. */
  geometry: string | null;
}

/** `WITH area AS (…)`: one row holding the area's geometry (NULL when nothing has a shape). */
function areaCte(a: AreaSql): RawBuilder<unknown> {
  const shape = a.geometry ? sql`UNION ALL SELECT ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${a.geometry}), 4326))` : sql``;
  return sql`WITH area AS (
    SELECT ST_Union(g) AS geom FROM (
      SELECT d.geom AS g FROM admin_division d WHERE d.code = ANY(${[...a.divisionCodes]}::text[]) AND d.geom IS NOT NULL
      ${shape}
    ) s
  )`;
}

/** The part of a division code that its sub-divisions share (province 2, city 4 digits; others whole). */
const prefixOf = (code: RawBuilder<unknown>) =>
  sql<string>`(CASE WHEN ${code} ~ '^[0-9]{2}0000$' THEN left(${code}, 2) WHEN ${code} ~ '^[0-9]{4}00$' THEN left(${code}, 4) ELSE ${code} END)`;

export interface EnterpriseContact {
  id: string;
  kind: 'hazard' | 'target';
  name: string;
  enterprise: string | null;
  phone: string;
}

/** Active, unarchived hazards (their enterprises) and protected sites inside the area with a mobile number. */
export async function enterprisesInArea(db: Db, a: AreaSql, limit = 20_000): Promise<EnterpriseContact[]> {
  const r = await sql<EnterpriseContact>`
    ${areaCte(a)}
    SELECT r.id, r.kind, r.name, r.attrs->>'enterprise' AS enterprise, r.phone
    FROM resource r, area
    WHERE area.geom IS NOT NULL
      AND r.kind IN ('hazard', 'target') AND r.archived_at IS NULL AND r.status = 'active'
      AND r.phone IS NOT NULL
      AND regexp_replace(r.phone, '[[:space:]-]', '', 'g') ~ '^(\\+86|0086)?1[3-9][0-9]{9}$'
      AND ST_Intersects(r.location, area.geom)
    ORDER BY r.id
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

export interface SubscriberContact {
  id: string;
  name: string;
  channel: 'sms' | 'email' | 'webhook';
  address: string;
}

const COLOURS = ['blue', 'yellow', 'orange', 'red'];

/**
 * Enabled subscribers who want this message: in the issuing org's line (its own org, an
 * ancestor or a descendant), at or above their minimum colour, and whose division filter is
 * empty or meets the area (a listed code contains or lies in one of the area's codes, or its
 * boundary overlaps the area's shape).
 */
export async function subscribersFor(db: Db, a: AreaSql & { colour: string | null; orgPath: string }): Promise<SubscriberContact[]> {
  const rank = a.colour ? COLOURS.indexOf(a.colour) + 1 : 0;
  const r = await sql<SubscriberContact>`
    ${areaCte(a)}
    SELECT s.id, s.name, s.channel, s.address
    FROM notify_subscriber s, area
    WHERE s.enabled
      AND (s.org_path @> ${a.orgPath}::ltree OR s.org_path <@ ${a.orgPath}::ltree)
      AND (s.min_colour IS NULL OR array_position(${COLOURS}::text[], s.min_colour) <= ${rank})
      AND (
        cardinality(s.division_codes) = 0
        OR EXISTS (
          SELECT 1 FROM unnest(s.division_codes) AS sc(code), unnest(${[...a.divisionCodes]}::text[]) AS wc(code)
          WHERE wc.code LIKE ${prefixOf(sql.ref('sc.code'))} || '%' OR sc.code LIKE ${prefixOf(sql.ref('wc.code'))} || '%'
        )
        OR EXISTS (
          SELECT 1 FROM admin_division d
          WHERE d.code = ANY(s.division_codes) AND d.geom IS NOT NULL AND area.geom IS NOT NULL AND ST_Intersects(d.geom, area.geom)
        )
      )
    ORDER BY s.id`.execute(db);
  return r.rows;
}

/** Active users by id with their display name and e-mail address. */
export async function activeUsers(db: Db, ids: readonly string[]): Promise<{ id: string; name: string; email: string | null }[]> {
  if (ids.length === 0) return [];
  const out: { id: string; name: string; email: string | null }[] = [];
  const all = [...ids];
  for (let i = 0; i < all.length; i += 1000) {
    const r = await db
      .selectFrom('app_user')
      .select(['id', 'display_name as name', 'email'])
      .where('id', 'in', all.slice(i, i + 1000))
      .where('status', '=', 'active')
      .execute();
    out.push(...r);
  }
  return out;
}

/** Paths of active orgs by id. */
export async function orgPaths(db: Db, ids: readonly string[]): Promise<{ id: string; path: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('org')
    .select(['id', 'path'])
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
}
