import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

const KINDS = ['team', 'expert', 'warehouse', 'shelter', 'equipment', 'hazard', 'target'];

/**
 * The One Map's read paths at city scale (100,000 features).
 *
 * - `merc_x`/`merc_y`: each resource's Web Mercator (EPSG:3857) position, computed once on write.
 *   Vector tiles and their low-zoom clusters work in these metres; computing them per row on every
 *   tile request dominated tile time. Latitude is clamped to the Mercator square.
 * - One partial GiST index per kind on live rows, for geometry (tile envelopes) and geography
 *   ("within", "around here"): every map query is for one kind, so it scans only that kind's
 *   points instead of intersecting a kind index with a location index. Each row lands in exactly
 *   one of them, so writes pay one extra index pair, not seven.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const perKind = KINDS.map(
    (k) => `
    CREATE INDEX resource_live_${k}_location ON resource USING gist (location) WHERE archived_at IS NULL AND kind = '${k}';
    CREATE INDEX resource_live_${k}_geog ON resource USING gist ((location::geography)) WHERE archived_at IS NULL AND kind = '${k}';`,
  ).join('');
  await runScript(
    db,
    `
    ALTER TABLE resource
      ADD COLUMN merc_x double precision GENERATED ALWAYS AS (ST_X(location) * 111319.49079327358) STORED,
      ADD COLUMN merc_y double precision GENERATED ALWAYS AS (
        ln(tan(radians(45 + greatest(-85.0511287798066, least(85.0511287798066, ST_Y(location))) / 2))) * 6378137) STORED;
    ${perKind}
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const drops = KINDS.map((k) => `DROP INDEX IF EXISTS resource_live_${k}_location; DROP INDEX IF EXISTS resource_live_${k}_geog;`).join(
    ' ',
  );
  await runScript(db, `${drops} ALTER TABLE resource DROP COLUMN IF EXISTS merc_x, DROP COLUMN IF EXISTS merc_y;`);
}
