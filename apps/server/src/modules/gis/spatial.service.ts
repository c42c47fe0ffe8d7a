import { gcj02ToWgs84, gcjLngLat, isInChina, looksSwapped } from '@vigil/geo';
import { RESOURCE_KINDS, type FeatureSummary, type MapLayer, type ResourceKind, type SpatialQueryInput } from '@vigil/shared';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { invalid } from '../../platform/errors.js';
import { incidentScope, resourceScope } from './gis-scope.js';
import { circleFastPathApplies } from './circle-filter.js';
import * as repo from './gis.repository.js';
import { presentFeature } from './gis.presenter.js';
import { spatialWorkbook } from './spatial-xlsx.js';

type SpatialInput = z.output<typeof SpatialQueryInput>;
type LocationIn = { lng: number; lat: number; crs: 'wgs84' | 'gcj02' };

export interface SpatialLayerResult {
  layer: MapLayer;
  total: number;
  items: FeatureSummary[];
}

/**
 * A user-entered point as WGS84: swapped lat/lng and points outside China are refused naming the
 * field (`<prefix>lat` / `<prefix>lng`); GCJ-02 is converted.
 */
export function checkedPoint(p: LocationIn, prefix = ''): repo.Point {
  if (looksSwapped(p.lng, p.lat)) invalid(`${prefix}lat`, '坐标不在中国境内，经纬度可能填反了');
  if (Math.abs(p.lat) > 90) invalid(`${prefix}lat`, '纬度应在 -90 到 90 之间');
  if (!isInChina(p.lng, p.lat)) invalid(`${prefix}lng`, '坐标不在中国境内');
  const [lng, lat] = p.crs === 'gcj02' ? gcj02ToWgs84(gcjLngLat(p.lng, p.lat)) : [p.lng, p.lat];
  return { lng, lat };
}

/** The drawn shape, checked: a closed, simple polygon inside China, or a circle around a valid point. */
async function resolveShape(ctx: Ctx, shape: SpatialInput['shape']): Promise<repo.Shape> {
  if (shape.type === 'circle') return { type: 'circle', center: checkedPoint(shape.center, 'shape.center.'), radiusM: shape.radiusM };
  const ring = shape.coordinates;
  const field = 'shape.coordinates';
  for (const [lng, lat] of ring) {
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90)
      invalid(field, '坐标超出经纬度范围（经度 ±180，纬度 ±90）');
  }
  if (ring.every(([lng, lat]) => looksSwapped(lng, lat))) invalid(field, '多边形不在中国境内，经纬度可能填反了');
  if (!ring.every(([lng, lat]) => isInChina(lng, lat))) invalid(field, '多边形顶点应在中国境内');
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) invalid(field, '多边形未闭合：首尾坐标应相同');
  if (new Set(ring.map(([lng, lat]) => `${lng},${lat}`)).size < 3) invalid(field, '多边形至少需要 3 个不同的顶点');
  const geojson = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
  const problem = await repo.polygonProblem(ctx.tx, geojson);
  if (problem) invalid(field, `多边形无效（如边自相交）：${problem}`);
  return { type: 'polygon', geojson };
}

/** One layer of the answer: features as DTOs, or (circle fast path) as the JSON text the database built. */
type FoundLayer = { layer: MapLayer; total: number } & ({ items: FeatureSummary[] } | { itemsJson: string });

/**
 * What lies inside a drawn circle or polygon, per requested layer — the total and the first
 * `limitPerLayer` features (nearest first for a circle), in the actor's scope.
 */
async function findInShape(ctx: Ctx, input: SpatialInput): Promise<FoundLayer[]> {
  const shape = await resolveShape(ctx, input.shape);
  const layers = [...new Set(input.layers)];
  const kinds = layers.filter((l): l is ResourceKind => (RESOURCE_KINDS as readonly string[]).includes(l));
  const rScope = resourceScope(ctx.actor);
  const iScope = layers.includes('incident') ? incidentScope(ctx.actor) : undefined;
  const limit = input.limitPerLayer;
  if (shape.type === 'circle' && circleFastPathApplies(shape.center.lat, shape.radiusM)) {
    // Resources and incidents in one statement, each layer's list already JSON.
    const found = await repo.featuresInCircle(ctx.tx, {
      kinds,
      shape,
      scope: rScope,
      limit,
      incidentScope: iScope,
    });
    const byLayer = new Map(found.map((l) => [l.layer, l]));
    return layers.map((layer) => {
      const f = byLayer.get(layer);
      return { layer, total: f?.total ?? 0, itemsJson: f?.items ?? '[]' };
    });
  }
  const rows =
    rScope?.length === 0 ? [] : await repo.resourcesInShape(ctx.tx, { kinds, shape, scope: rScope, limit, engine: ctx.platform.dbKind });
  if (iScope !== undefined && iScope?.length !== 0) rows.push(...(await repo.incidentsInShape(ctx.tx, { shape, scope: iScope, limit })));
  return layers.map((layer) => {
    const mine = rows.filter((r) => r.layer === layer);
    return { layer, total: mine[0] ? Number(mine[0].total) : 0, items: mine.map(presentFeature) };
  });
}

/** `POST /map/spatial-query` as objects (the export's input). */
export async function spatialQuery(ctx: Ctx, input: SpatialInput): Promise<{ layers: SpatialLayerResult[] }> {
  const found = await findInShape(ctx, input);
  return {
    layers: found.map((l) => ({
      layer: l.layer,
      total: l.total,
      items: 'items' in l ? l.items : (JSON.parse(l.itemsJson) as FeatureSummary[]),
    })),
  };
}

/**
 * `POST /map/spatial-query` as the JSON answer `{ layers: [{ layer, total, items }] }`: the lists
 * the database built are passed through as they are, not parsed and serialised again.
 */
export async function spatialQueryJson(ctx: Ctx, input: SpatialInput): Promise<string> {
  const found = await findInShape(ctx, input);
  const parts = found.map(
    (l) => `{"layer":${JSON.stringify(l.layer)},"total":${l.total},"items":${'items' in l ? JSON.stringify(l.items) : l.itemsJson}}`,
  );
  return `{"layers":[${parts.join(',')}]}`;
}

/** The spatial query as a workbook (one sheet per layer); the export is audited. */
export async function spatialQueryExport(ctx: Ctx, input: SpatialInput): Promise<{ file: Buffer; rows: number }> {
  const result = await spatialQuery(ctx, input);
  const rows = result.layers.reduce((n, l) => n + l.items.length, 0);
  await recordAudit(ctx, {
    action: 'map.exported',
    entity: 'map',
    after: { shape: input.shape.type, layers: result.layers.map((l) => ({ layer: l.layer, total: l.total, rows: l.items.length })) },
  });
  return { file: await spatialWorkbook(result.layers), rows };
}
