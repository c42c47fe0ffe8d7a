import { readFileSync } from 'node:fs';
import { gcj02ToWgs84, gcjLngLat, isInChina, looksSwapped } from '@vigil/geo';
import type { CodeNodeDto, DivisionDto } from '@vigil/shared';
import type { Kysely } from 'kysely';
import type { Platform } from '../../platform/ctx.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, invalid } from '../../platform/errors.js';
import { seedDataPath } from '../../platform/paths.js';
import * as repo from './regions.repository.js';

/** Parses the national code table CSV (code,name,parent,level,family). */
export function parseCodeCsv(text: string): repo.CodeRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const header = lines.shift()?.split(',');
  if (header?.join(',') !== 'code,name,parent,level,family') throw new Error('unexpected code table header');
  return lines.map((line, i) => {
    const [code, name, parent, level, family] = line.split(',');
    if (!code || !name || !level || !family) throw new Error(`code table line ${i + 2} is incomplete`);
    return { code, name, parent_code: parent || null, level: Number(level), family, sort: i };
  });
}

interface FeatureCollection {
  features: { properties: Record<string, unknown>; geometry: unknown }[];
}

/** Loads the code table and Quanzhou's divisions with boundaries. Idempotent. */
export async function seedRegions(platform: Platform): Promise<void> {
  const db = platform.db;
  const codes = parseCodeCsv(readFileSync(seedDataPath('emergency-codes.csv'), 'utf8'));
  if ((await repo.countCodes(db)) !== codes.length) await repo.upsertCodes(db, codes);
  if (await repo.findDivision(db, '350500')) return;
  const labels = new Map<string, [number, number]>();
  const points = JSON.parse(readFileSync(seedDataPath('quanzhou-admin-points.geojson'), 'utf8')) as FeatureCollection;
  for (const f of points.features) {
    const c = (f.geometry as { coordinates: [number, number] }).coordinates;
    labels.set(String(f.properties.code), c);
  }
  await repo.upsertDivision(db, {
    code: '350000',
    name: '福建省',
    level: 'province',
    parent_code: null,
    area_km2: null,
    geojson: null,
    label: null,
  });
  const fc = JSON.parse(readFileSync(seedDataPath('quanzhou-admin.geojson'), 'utf8')) as FeatureCollection;
  for (const f of fc.features) {
    const p = f.properties;
    await repo.upsertDivision(db, {
      code: String(p.code),
      name: String(p.name),
      level: p.level === 'city' ? 'city' : 'county',
      parent_code: String(p.parent),
      area_km2: typeof p.area_km2 === 'number' ? p.area_km2 : null,
      geojson: JSON.stringify(f.geometry),
      label: labels.get(String(p.code)) ?? null,
    });
  }
}

const toNode = (r: {
  code: string;
  name: string;
  parent_code: string | null;
  level: number;
  family: string;
  has_children: unknown;
}): CodeNodeDto => ({
  code: r.code,
  name: r.name,
  parent: r.parent_code,
  level: r.level,
  family: r.family,
  hasChildren: Boolean(r.has_children),
});

/** One level of the code tree (lazy tree picker) or a search across it. */
export async function codeTree(
  db: Kysely<Database>,
  q: { family?: string | undefined; parent?: string | undefined; q?: string | undefined },
) {
  if (q.q) return (await repo.searchCodes(db, q.family ?? null, q.q, 50)).map(toNode);
  return (await repo.codeChildren(db, q.family ?? null, q.parent ?? null)).map(toNode);
}

/** Ancestors of a code, root first (for breadcrumbs and picker expansion). */
export async function codePath(db: Kysely<Database>, code: string): Promise<{ code: string; name: string }[]> {
  const out: { code: string; name: string }[] = [];
  let cur = await repo.findCode(db, code);
  if (!cur) throw new AppError('NOT_FOUND', `代码 ${code} 不存在`);
  while (cur) {
    out.unshift({ code: cur.code, name: cur.name });
    cur = cur.parent_code ? await repo.findCode(db, cur.parent_code) : undefined;
  }
  return out;
}

export async function listDivisions(db: Kysely<Database>, parent: string | undefined): Promise<DivisionDto[]> {
  return (await repo.listDivisions(db, parent ?? null)).map((d) => ({
    code: d.code,
    name: d.name,
    level: d.level,
    parentCode: d.parent_code,
  }));
}

export interface LocateResult {
  lng: number;
  lat: number;
  county: DivisionDto | null;
  city: DivisionDto | null;
  inJurisdiction: boolean;
}

/** Finds the county (and city) a point falls in; GCJ-02 input is converted to WGS84 first. */
export async function locate(db: Kysely<Database>, lng: number, lat: number, crs: 'wgs84' | 'gcj02'): Promise<LocateResult> {
  if (looksSwapped(lng, lat)) {
    const msg = '坐标不在中国境内，经纬度可能填反了';
    throw new AppError('VALIDATION', msg, { errors: [{ field: 'lat', message: msg }] });
  }
  if (Math.abs(lat) > 90) invalid('lat', '纬度应在 -90 到 90 之间');
  if (!isInChina(lng, lat)) invalid('lng', '坐标不在中国境内');
  const [x, y] = crs === 'gcj02' ? gcj02ToWgs84(gcjLngLat(lng, lat)) : [lng, lat];
  const rows = await repo.locatePoint(db, x, y);
  const dto = (r: (typeof rows)[number] | undefined): DivisionDto | null =>
    r ? { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code } : null;
  const county = dto(rows.find((r) => r.level === 'county'));
  const city = dto(rows.find((r) => r.level === 'city'));
  return { lng: x, lat: y, county, city, inJurisdiction: Boolean(county ?? city) };
}

export async function boundaries(db: Kysely<Database>, level: 'city' | 'county') {
  return repo.boundariesGeoJson(db, level, level === 'city' ? 0.002 : 0.0008);
}
