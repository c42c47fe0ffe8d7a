import type { LayerDto, MapLayer } from '@vigil/shared';
import type { ExpressionSpecification, LayerSpecification, VectorSourceSpecification } from 'maplibre-gl';

/**
 * The style of the resource layers of the One Map. Each catalogue layer is one vector-tile source
 * (`/tiles/<layer>/{z}/{x}/{y}.mvt`, source-layer named after the layer) drawn as
 * - clusters (features with `cluster = true` and a `count`): circles sized by count, with the count
 *   drawn as an icon image made on demand (no glyphs are needed: the style stays fully offline);
 * - single features: circles coloured by status (`match` on the `status` property).
 */

export const COUNT_IMAGE_PREFIX = 'vg-count:';

export interface ResourceLayerIds {
  source: string;
  clusters: string;
  counts: string;
  points: string;
}

export function layerIds(id: MapLayer): ResourceLayerIds {
  return { source: `res-${id}`, clusters: `res-${id}-clusters`, counts: `res-${id}-counts`, points: `res-${id}-points` };
}

/** The ids of the layers that can be clicked (clusters and points) for a set of catalogue layers. */
export function interactiveLayerIds(ids: readonly MapLayer[]): string[] {
  return ids.flatMap((id) => [layerIds(id).points, layerIds(id).clusters]);
}

/** Which map layer id belongs to which catalogue layer (`res-team-points` → team). */
export function catalogueLayerOf(mapLayerId: string): MapLayer | null {
  const m = /^res-([a-z]+)-(points|clusters|counts)$/.exec(mapLayerId);
  return (m?.[1] as MapLayer | undefined) ?? null;
}

const COUNT: ExpressionSpecification = ['to-number', ['get', 'count'], 0];

/** True for cluster features of the tiles. */
export const IS_CLUSTER: ExpressionSpecification = ['any', ['==', ['get', 'cluster'], true], ['>', COUNT, 1]];
export const IS_FEATURE: ExpressionSpecification = ['!', IS_CLUSTER];

/** Fill colour by status, falling back to the layer colour for unknown statuses. */
export function statusColorExpression(layer: Pick<LayerDto, 'color' | 'statuses'>): ExpressionSpecification | string {
  const pairs = Object.entries(layer.statuses).flatMap(([status, s]) => [status, s.color]);
  if (pairs.length === 0) return layer.color;
  return ['match', ['to-string', ['get', 'status']], ...pairs, layer.color] as unknown as ExpressionSpecification;
}

/** Cluster circle radius in pixels, stepping up with the count. */
export const CLUSTER_RADIUS: ExpressionSpecification = ['step', COUNT, 11, 10, 14, 100, 18, 1000, 23, 10000, 28];

/** The text drawn on a cluster: `7`, `356`, `1.2k`, `12k`. */
export function countLabel(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 10_000) return `${Math.round(n / 100) / 10}k`;
  return `${Math.round(n / 1000)}k`;
}

/** `countLabel` as a style expression, prefixed to name the image that shows it. */
export const COUNT_IMAGE: ExpressionSpecification = [
  'concat',
  COUNT_IMAGE_PREFIX,
  [
    'case',
    ['<', COUNT, 1000],
    ['to-string', ['round', COUNT]],
    ['<', COUNT, 10000],
    ['concat', ['to-string', ['/', ['round', ['/', COUNT, 100]], 10]], 'k'],
    ['concat', ['to-string', ['round', ['/', COUNT, 1000]]], 'k'],
  ],
];

/** The tiles URL of the catalogue made absolute (the tile worker may not resolve relative URLs). */
export function absoluteTilesUrl(tiles: string, origin: string): string {
  if (/^https?:\/\//.test(tiles)) return tiles;
  return `${origin}${tiles.startsWith('/') ? '' : '/'}${tiles}`;
}

export function resourceSource(layer: Pick<LayerDto, 'tiles'>, origin: string): VectorSourceSpecification {
  return { type: 'vector', tiles: [absoluteTilesUrl(layer.tiles, origin)], minzoom: 0, maxzoom: 16 };
}

/** The three style layers of one catalogue layer, visible or not. */
export function resourceLayerSpecs(layer: Pick<LayerDto, 'id' | 'color' | 'statuses'>, visible: boolean): LayerSpecification[] {
  const ids = layerIds(layer.id);
  const visibility = visible ? 'visible' : 'none';
  const common = { source: ids.source, 'source-layer': layer.id };
  return [
    {
      id: ids.clusters,
      type: 'circle',
      ...common,
      filter: IS_CLUSTER,
      layout: { visibility },
      paint: {
        'circle-color': layer.color,
        'circle-opacity': 0.78,
        'circle-radius': CLUSTER_RADIUS,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: ids.counts,
      type: 'symbol',
      ...common,
      filter: IS_CLUSTER,
      layout: { visibility, 'icon-image': COUNT_IMAGE, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
    },
    {
      id: ids.points,
      type: 'circle',
      ...common,
      filter: IS_FEATURE,
      layout: { visibility },
      paint: {
        'circle-color': statusColorExpression(layer),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 3.5, 12, 5.5, 16, 8],
        'circle-stroke-color': layer.color,
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 14, 2.5],
      },
    },
  ];
}
