import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { circleFastPathApplies } from './circle-filter.js';
import { featuresInCircle, resourcesInShape } from './gis.repository.js';
import { clearResources, insertResource } from './gis.test-support.js';

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

  it('lists what a resource is now: its stored map entry follows renames, moves, status changes and archiving', async () => {
    const db = t.platform.db;
    await clearResources(db);
    const shape = { type: 'circle' as const, center: { lng: 118.6, lat: 24.9 }, radiusM: 5_000 };
    const list = async () => {
      const found = await featuresInCircle(db, { kinds: ['team', 'target'], shape, scope: null, limit: 100 });
      return Object.fromEntries(found.map((l) => [l.layer, { total: l.total, items: JSON.parse(l.items) as Record<string, unknown>[] }]));
    };
    // Quotes, a backslash, a tab and Chinese in a name must still give valid JSON.
    const id = await insertResource(db, {
      kind: 'team',
      org: 'qz',
      name: '救援"一"队\\北\t区',
      lng: 118.601,
      lat: 24.9,
      status: 'available',
    });
    await insertResource(db, { kind: 'target', org: 'qz_jinjiang', name: '学校', lng: 118.59, lat: 24.9 });
    let l = await list();
    expect(l.team!.items).toEqual([
      {
        layer: 'team',
        id,
        name: '救援"一"队\\北\t区',
        typeCode: null,
        status: 'available',
        location: { lng: 118.601, lat: 24.9 },
        orgName: expect.any(String),
        distanceM: expect.any(Number),
      },
    ]);
    expect(l.target!.total).toBe(1);

    await sql`UPDATE resource SET name = '救援一队', status = 'on_mission', type_code = '42E01',
                location = ST_SetSRID(ST_MakePoint(118.61, 24.91), 4326) WHERE id = ${id}`.execute(db);
    l = await list();
    expect(l.team!.items[0]).toMatchObject({
      name: '救援一队',
      status: 'on_mission',
      typeCode: '42E01',
      location: { lng: 118.61, lat: 24.91 },
    });

    await sql`UPDATE resource SET location = ST_SetSRID(ST_MakePoint(118.9, 25.3), 4326) WHERE id = ${id}`.execute(db);
    expect((await list()).team).toBeUndefined();
    await sql`UPDATE resource SET location = ST_SetSRID(ST_MakePoint(118.6, 24.9), 4326), archived_at = now() WHERE id = ${id}`.execute(db);
    expect((await list()).team).toBeUndefined();
  });

  it('refuses a resource name longer than 200 characters (a map entry must fit an index page)', async () => {
    const db = t.platform.db;
    await expect(insertResource(db, { kind: 'team', org: 'qz', name: '队'.repeat(201), lng: 118.6, lat: 24.9 })).rejects.toThrow(
      /resource_name_length/,
    );
    await expect(insertResource(db, { kind: 'team', org: 'qz', name: '队'.repeat(200), lng: 118.6, lat: 24.9 })).resolves.toBeTruthy();
  });

  it('takes the one-statement path for the circles a commander draws in the city', () => {
    expect(circleFastPathApplies(24.9, 10_000)).toBe(true);
    expect(circleFastPathApplies(24.9, 500)).toBe(true);
  });
});
