import type { PublicShelterDto, PublicSheltersQuery } from '@vigil/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

interface PublicShelterRow {
  name: string;
  address: string | null;
  capacity: number | null;
  status: 'open' | 'full';
  lng: number;
  lat: number;
  distance_m: number;
}

/**
 * The nearest shelters a member of the public can go to (status open or full, not archived) within
 * the radius, nearest first. Served by the live-shelter partial GiST index on `location::geography`
 * (`ST_DWithin` and the `<->` ordering); a shelter counts as full when it says so or when its
 * occupancy has reached its capacity. Only public fields leave the database.
 */
export async function publicSheltersNear(db: Kysely<Database>, q: PublicSheltersQuery): Promise<PublicShelterDto[]> {
  const c = sql`ST_SetSRID(ST_MakePoint(${q.lng}::float8, ${q.lat}::float8), 4326)::geography`;
  const num = (key: string) => sql`CASE WHEN jsonb_typeof(r.attrs->${key}) = 'number' THEN (r.attrs->>${key})::float8 END`;
  const r = await sql<PublicShelterRow>`
    SELECT n.name, n.address, n.capacity, n.status, n.lng, n.lat, ST_Distance(n.geog, ${c}) AS distance_m FROM (
      SELECT r.name, r.address, ${num('capacity')} AS capacity,
             CASE WHEN r.status = 'full' OR COALESCE(${num('occupancy')}, 0) >= ${num('capacity')} THEN 'full' ELSE 'open' END AS status,
             ST_X(r.location) AS lng, ST_Y(r.location) AS lat, r.location::geography AS geog
      FROM resource r
      WHERE r.kind = 'shelter' AND r.archived_at IS NULL AND r.status IN ('open', 'full')
        AND ST_DWithin(r.location::geography, ${c}, ${q.radiusKm * 1000}::float8)
      ORDER BY r.location::geography <-> ${c}
      LIMIT ${q.limit}
    ) n
    ORDER BY distance_m, n.name`.execute(db);
  return r.rows.map((x) => ({
    name: x.name,
    address: x.address,
    capacity: x.capacity === null ? null : Number(x.capacity),
    status: x.status,
    lng: Number(x.lng),
    lat: Number(x.lat),
    distanceM: Math.round(Number(x.distance_m)),
  }));
}
