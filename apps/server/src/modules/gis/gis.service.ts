import { RESOURCE_KINDS, type LayerDto, type MapLayer, type MapSearchHit } from '@vigil/shared';
import type { Kysely } from 'kysely';
import type { Ctx } from '../../platform/ctx.js';
import type { Database } from '../../platform/db/schema.js';
import { invalid, notFound } from '../../platform/errors.js';
import { locate } from '../regions/index.js';
import { parseCoordinateQuery } from './coordinate-query.js';
import { resourceScope } from './gis-scope.js';
import * as repo from './gis.repository.js';
import { resourceLayers, tileUrlTemplate } from './layer-catalogue.js';
import { findPointLayerSource, pointLayerSources } from './layer-sources.js';
import { encodeMvt } from './mvt-encoder.js';
import { TILE_EXTENT, tileAddressError } from './tile-math.js';
import { supportsAsMvt, tileMvt, tileRows, type TileRequest } from './tiles.repository.js';

/** `GET /map/layers`: the resource layers with their legend and the count the actor can see. */
export async function listLayers(ctx: Ctx): Promise<LayerDto[]> {
  const scope = resourceScope(ctx.actor);
  const counts = scope?.length === 0 ? null : await repo.countByKind(ctx.tx, scope);
  const resources = counts ? resourceLayers().map((l) => ({ ...l, count: counts.get(l.id) ?? 0 })) : [];
  const contributed: LayerDto[] = [];
  for (const source of pointLayerSources()) {
    const s = source.scope(ctx.actor);
    if (s?.length === 0) continue;
    contributed.push({ ...source.entry, tiles: tileUrlTemplate(source.entry.id), count: await source.count(ctx, s) });
  }
  return [...resources, ...contributed];
}

/** Whether each database builds tiles itself; probed once per connection pool. */
const asMvtSupport = new WeakMap<object, Promise<boolean>>();

function canBuildTiles(db: Kysely<Database>): Promise<boolean> {
  let p = asMvtSupport.get(db);
  if (!p) {
    p = supportsAsMvt(db);
    asMvtSupport.set(db, p);
  }
  return p;
}

/**
 * `GET /tiles/:layer/:z/:x/:y.mvt`: one vector tile of a resource layer in the actor's scope
 * (clusters below zoom 11). PostGIS builds it when it can (`ST_AsMVT`); otherwise — the embedded
 * engine — our encoder does, from the same rows. An empty tile is an empty byte array.
 */
export async function renderTile(ctx: Ctx, t: { layer: MapLayer; z: number; x: number; y: number }): Promise<Uint8Array> {
  const bad = tileAddressError(t);
  if (bad) invalid(bad.field, bad.message);
  const source = findPointLayerSource(t.layer);
  if (!source && !(RESOURCE_KINDS as readonly string[]).includes(t.layer)) notFound('图层', t.layer);
  const scope = source ? source.scope(ctx.actor) : resourceScope(ctx.actor);
  if (scope?.length === 0) return new Uint8Array();
  const req: TileRequest = { kind: t.layer, z: t.z, x: t.x, y: t.y, scope, ...(source ? { source } : {}) };
  if (await canBuildTiles(ctx.platform.db)) return tileMvt(ctx.tx, req);
  const rows = await tileRows(ctx.tx, req);
  return encodeMvt([
    {
      name: t.layer,
      extent: TILE_EXTENT,
      features: rows.map((r) => ({
        x: r.px,
        y: r.py,
        properties: {
          id: r.id,
          name: r.name,
          status: r.status,
          type_code: r.type_code,
          kind: t.layer,
          cluster: r.cluster,
          count: Number(r.count),
        },
      })),
    },
  ]);
}

const REGION_LEVEL_ZH: Record<string, string> = { province: '省', city: '市', county: '县（市、区）', township: '乡镇（街道）' };

/**
 * `GET /map/search`: a typed coordinate (lng,lat or lat,lng, WGS84 or GCJ-02) becomes one hit with
 * its county; otherwise admin divisions by name and the actor's resources by code or name. An
 * exact external-code match comes first.
 */
export async function searchMap(ctx: Ctx, q: { q: string; limit: number }): Promise<MapSearchHit[]> {
  const coord = parseCoordinateQuery(q.q);
  if (coord) {
    const at = await locate(ctx.tx, coord.lng, coord.lat, coord.crs);
    const notes = [
      at.county?.name ?? (at.inJurisdiction ? at.city?.name : '辖区外'),
      coord.swapped ? '已按“纬度,经度”识别' : null,
      coord.crs === 'gcj02' ? '已由 GCJ-02 转换为 WGS84' : null,
    ].filter(Boolean);
    return [
      {
        kind: 'coordinate',
        layer: null,
        id: null,
        title: `${at.lng.toFixed(6)}, ${at.lat.toFixed(6)}`,
        subtitle: notes.join(' · ') || null,
        location: { lng: at.lng, lat: at.lat },
      },
    ];
  }
  const scope = resourceScope(ctx.actor);
  const regions = await repo.searchRegions(ctx.tx, q.q, Math.min(q.limit, 5));
  const resources = scope?.length === 0 ? [] : await repo.searchResources(ctx.tx, q.q, scope, q.limit);
  const resourceHits: MapSearchHit[] = resources.map((r) => ({
    kind: 'resource',
    layer: r.kind,
    id: r.id,
    title: r.name,
    subtitle: `${r.external_code} · ${r.org_name}`,
    location: { lng: Number(r.lng), lat: Number(r.lat) },
  }));
  const regionHits: MapSearchHit[] = regions.map((d) => ({
    kind: 'region',
    layer: null,
    id: d.code,
    title: d.name,
    subtitle: [REGION_LEVEL_ZH[d.level], d.parent_name].filter(Boolean).join(' · ') || null,
    location: { lng: Number(d.lng), lat: Number(d.lat) },
  }));
  const exact = resources.findIndex((r) => r.external_code.toLowerCase() === q.q.toLowerCase());
  const first = exact >= 0 ? resourceHits.splice(exact, 1) : [];
  return [...first, ...regionHits, ...resourceHits].slice(0, q.limit);
}
