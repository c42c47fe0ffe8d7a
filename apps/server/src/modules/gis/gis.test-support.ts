/**
 * Test helpers for the One Map: resources written straight into the `resource` table (the map
 * reads that table, whoever wrote it) and tile fetching + decoding. Never imported by the server.
 */
import type { ResourceKind } from '@vigil/shared';
import { sql, type Kysely } from 'kysely';
import type { Client } from '../../../test/harness.js';
import type { Database } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';
import { decodeMvt, type DecodedFeature } from './mvt.test-support.js';

export interface ResourceFixture {
  kind: ResourceKind;
  /** Owning org by code (`qz`, `qz_jinjiang`, `qz_fengze`…). */
  org: string;
  name: string;
  lng: number;
  lat: number;
  status?: string;
  externalCode?: string;
  typeCode?: string | null;
  attrs?: Record<string, unknown>;
  archived?: boolean;
}

async function orgOf(db: Kysely<Database>, code: string) {
  return db.selectFrom('org').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
}

/** Removes every resource (and its stock) from this test's database copy, demo data included: counts become exact. */
export async function clearResources(db: Kysely<Database>): Promise<void> {
  // Demo devices and major hazard installations may name a demo enterprise: they stay, unlinked.
  await sql`UPDATE device SET enterprise_id = NULL`.execute(db);
  await sql`UPDATE hazard_installation SET enterprise_id = NULL`.execute(db);
  for (const table of ['stock_movement', 'stock_line', 'resource_history', 'resource'] as const) await db.deleteFrom(table).execute();
}

/** Inserts one resource and returns its id. */
export async function insertResource(db: Kysely<Database>, r: ResourceFixture): Promise<string> {
  const org = await orgOf(db, r.org);
  const id = newId();
  await sql`
    INSERT INTO resource (id, kind, org_id, org_path, external_code, name, type_code, status, location, attrs, source, archived_at)
    VALUES (${id}, ${r.kind}, ${org.id}, ${org.path}::ltree, ${r.externalCode ?? `T-${id.slice(-12)}`}, ${r.name}, ${r.typeCode ?? null},
            ${r.status ?? 'available'}, ST_SetSRID(ST_MakePoint(${r.lng}::float8, ${r.lat}::float8), 4326), ${JSON.stringify(r.attrs ?? {})}::jsonb,
            'manual', ${r.archived ? new Date() : null})`.execute(db);
  return id;
}

/** Inserts `count` resources of one kind at reproducible pseudo-random points inside the bbox. */
export async function insertMany(
  db: Kysely<Database>,
  p: { kind: ResourceKind; org: string; count: number; bbox: [number, number, number, number]; prefix: string; status?: string },
): Promise<void> {
  const org = await orgOf(db, p.org);
  const [minLng, minLat, maxLng, maxLat] = p.bbox;
  await sql`
    INSERT INTO resource (id, kind, org_id, org_path, external_code, name, status, location, source)
    SELECT gen_random_uuid(), ${p.kind}, ${org.id}, ${org.path}::ltree, ${p.prefix} || '-' || g, ${p.prefix} || ' ' || g, ${p.status ?? 'active'},
           ST_SetSRID(ST_MakePoint(${minLng}::float8 + (${maxLng - minLng}::float8) * ((g * 7919) % 1000) / 1000.0,
                                   ${minLat}::float8 + (${maxLat - minLat}::float8) * ((g * 104729) % 997) / 997.0), 4326),
           'manual'
    FROM generate_series(1, ${p.count}) g`.execute(db);
}

/** Adds a stock line to a warehouse. */
export async function insertStock(db: Kysely<Database>, warehouseId: string, materialCode: string, quantity: number): Promise<void> {
  await sql`
    INSERT INTO stock_line (id, warehouse_id, org_id, org_path, material_code, name, unit, quantity)
    SELECT ${newId()}, r.id, r.org_id, r.org_path, ${materialCode}, ${`物资 ${materialCode}`}, '件', ${quantity}
    FROM resource r WHERE r.id = ${warehouseId}`.execute(db);
}

/** Fetches a tile as the client and decodes its features (none for a 204). */
export async function fetchTile(
  c: Client,
  layer: string,
  z: number,
  x: number,
  y: number,
): Promise<{ status: number; features: DecodedFeature[] }> {
  const r = await c.get(`/api/v1/tiles/${layer}/${z}/${x}/${y}.mvt`);
  if (r.statusCode !== 200 && r.statusCode !== 204) throw new Error(`tile ${z}/${x}/${y}: ${r.statusCode} ${r.body}`);
  const layers = r.statusCode === 204 ? [] : decodeMvt(new Uint8Array(r.rawPayload));
  return { status: r.statusCode, features: layers.flatMap((l) => l.features) };
}
