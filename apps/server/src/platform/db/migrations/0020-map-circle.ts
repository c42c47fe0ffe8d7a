import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * "What lies within R of here" for a whole city without visiting the table (see
 * `featuresInCircle` in the gis module and docs/one-map.md).
 *
 * - `map_json`: each resource's entry in a map list as JSON text (layer, id, name, typeCode,
 *   status, location to 1e-7°), written with the row. A circle query lists hundreds of features;
 *   building each one's JSON per query cost more than finding them. The organisation's name and
 *   the distance are the only parts added per query. `map_json_string` is `to_json(text)`, declared
 *   immutable so that a generated column may use it (escaping a string depends on no setting).
 * - `resource_live_band`: live resources ordered by 1 km band of Web Mercator y, then x, carrying
 *   everything the circle query reads. The query walks one short key range per band the circle
 *   crosses and never touches the table (an index-only scan): counting and ranking a few thousand
 *   candidates costs index entries instead of scattered table pages.
 * - Names are limited to 200 characters (as the API already requires) so that an entry always fits
 *   in an index page; NOT VALID leaves rows written before untouched.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE FUNCTION map_json_string(s text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT to_json(s)::text $$;
    ALTER TABLE resource ADD CONSTRAINT resource_name_length CHECK (char_length(name) <= 200) NOT VALID;
    ALTER TABLE resource ADD COLUMN map_json text GENERATED ALWAYS AS (
      '{"layer":' || map_json_string(kind) || ',"id":"' || id::text || '","name":' || map_json_string(name)
      || ',"typeCode":' || COALESCE(map_json_string(type_code), 'null') || ',"status":' || map_json_string(status)
      || ',"location":{"lng":' || (round(ST_X(location) * 1e7) / 1e7)::text || ',"lat":' || (round(ST_Y(location) * 1e7) / 1e7)::text || '}'
    ) STORED;
    CREATE INDEX resource_live_band ON resource (floor(merc_y / 1000), merc_x)
      INCLUDE (merc_y, kind, org_id, id, location, name, map_json) WHERE archived_at IS NULL;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    DROP INDEX IF EXISTS resource_live_band;
    ALTER TABLE resource DROP COLUMN IF EXISTS map_json;
    ALTER TABLE resource DROP CONSTRAINT IF EXISTS resource_name_length;
    DROP FUNCTION IF EXISTS map_json_string(text);
    `,
  );
}
