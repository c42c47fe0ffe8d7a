import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { circleFastPathApplies } from './circle-filter.js';
import { featuresInCircle, resourcesInShape } from './gis.repository.js';
import { clearResources } from './gis.test-support.js';

/*
 * "Within R" answered with Mercator arithmetic and a spheroid test near the rim only must be the
 * very set `ST_DWithin` on geography gives: points strewn densely across the rim of circles of
 * several radii and latitudes, compared one by one.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await clearResources(t.platform.db);
});
afterAll(async () => t?.close());

const CASES = [
  { lng: 118.6, lat: 24.9, radiusM: 10_000 },
  { lng: 118.6, lat: 24.9, radiusM: 500 },
  { lng: 126.6, lat: 45.75, radiusM: 50_000 },
  { lng: 109.5, lat: 18.25, radiusM: 200_000 },
];

describe('the circle filter', () => {
  it.each(CASES)('selects exactly what ST_DWithin on geography selects around $lng,$lat within $radiusM m', async (c) => {
    const db = t.platform.db;
    await clearResources(db);
    const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', 'qz').executeTakeFirstOrThrow();
    // 1,440 points: every 1° of bearing at 0.97, 0.995, 1.0, 1.005 of the radius (geodesic, on the spheroid).
    await sql`
      INSERT INTO resource (id, kind, org_id, org_path, external_code, name, status, location, source)
      SELECT gen_random_uuid(), 'target', ${org.id}, ${org.path}::ltree, 'RIM-' || b || '-' || f, 'rim ' || b || ' ' || f, 'active',
             ST_Project(ST_SetSRID(ST_MakePoint(${c.lng}::float8, ${c.lat}::float8), 4326)::geography, ${c.radiusM}::float8 * f, radians(b))::geometry,
             'manual'
      FROM generate_series(0, 359) b, unnest(ARRAY[0.97, 0.995, 1.0, 1.005]::float8[]) f`.execute(db);
    const expected = await sql<{ name: string }>`
      SELECT name FROM resource WHERE ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint(${c.lng}::float8, ${c.lat}::float8), 4326)::geography, ${c.radiusM}::float8)`.execute(
      db,
    );
    // The statement the map runs for this circle (the service's choice, made the same way here).
    const shape = { type: 'circle' as const, center: { lng: c.lng, lat: c.lat }, radiusM: c.radiusM };
    const fast = circleFastPathApplies(c.lat, c.radiusM);
    const found = fast
      ? (await featuresInCircle(db, { kinds: ['target'], shape, scope: null, limit: 5_000 })).map((l) => ({
          total: l.total,
          rows: (JSON.parse(l.items) as { name: string; distanceM: number }[]).map((x) => ({ name: x.name, distance_m: x.distanceM })),
        }))[0]!
      : await resourcesInShape(db, { kinds: ['target'], shape, scope: null, limit: 5_000 }).then((rows) => ({
          total: Number(rows[0]!.total),
          rows,
        }));
    const rows = found.rows;
    expect(rows.length).toBe(expected.rows.length);
    expect(new Set(rows.map((r) => r.name))).toEqual(new Set(expected.rows.map((r) => r.name)));
    expect(found.total).toBe(expected.rows.length);
    // Nearest first, with exact distances.
    const d = rows.map((r) => Number(r.distance_m));
    expect([...d].sort((a, b) => a - b)).toEqual(d);
    expect(Math.max(...d)).toBeLessThanOrEqual(c.radiusM);
  });

  it('takes the one-statement path for the circles a commander draws in the city', () => {
    expect(circleFastPathApplies(24.9, 10_000)).toBe(true);
    expect(circleFastPathApplies(24.9, 500)).toBe(true);
  });
});
