import {
  Color,
  createPropertyExpression,
  featureFilter,
  latest,
  validateStyleMin,
  type FilterSpecification,
  type StylePropertySpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { LayerDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { buildStyle } from './map-style';
import {
  absoluteTilesUrl,
  catalogueLayerOf,
  CLUSTER_RADIUS,
  COUNT_IMAGE,
  countLabel,
  IS_CLUSTER,
  IS_FEATURE,
  resourceLayerSpecs,
  resourceSource,
  statusColorExpression,
} from './resource-layers';

const TEAMS: LayerDto = {
  id: 'team',
  name: '救援队伍',
  nameEn: 'Rescue teams',
  color: '#d4380d',
  icon: 'team',
  statuses: {
    available: { label: '待命', color: '#389e0d' },
    on_mission: { label: '执行任务', color: '#cf1322' },
    resting: { label: '休整', color: '#8c8c8c' },
  },
  tiles: '/api/v1/tiles/team/{z}/{x}/{y}.mvt',
  count: 60,
};

const spec = (group: string, name: string) =>
  (latest as unknown as Record<string, Record<string, StylePropertySpecification>>)[group]![name]!;

function evaluate(expr: unknown, group: string, name: string, properties: Record<string, unknown>, zoom = 10): unknown {
  const parsed = createPropertyExpression(expr, 'test', spec(group, name));
  if (parsed.result === 'error') throw new Error(parsed.value.map((e) => e.message).join('; '));
  return parsed.value.evaluate({ zoom }, { type: 'Point', properties } as never);
}

const colorOf = (c: unknown) => (c as Color).toString();
const hex = (h: string) => Color.parse(h)!.toString();
const matches = (filter: unknown, properties: Record<string, unknown>) =>
  featureFilter(filter as FilterSpecification, 'test').filter({ zoom: 10 }, { type: 1, properties } as never);

describe('resource layer style', () => {
  it('colours single features by status and falls back to the layer colour', () => {
    const expr = statusColorExpression(TEAMS);
    expect(colorOf(evaluate(expr, 'paint_circle', 'circle-color', { status: 'on_mission' }))).toBe(hex('#cf1322'));
    expect(colorOf(evaluate(expr, 'paint_circle', 'circle-color', { status: 'available' }))).toBe(hex('#389e0d'));
    expect(colorOf(evaluate(expr, 'paint_circle', 'circle-color', { status: 'unknown' }))).toBe(hex('#d4380d'));
    expect(statusColorExpression({ color: '#123456', statuses: {} })).toBe('#123456');
  });

  it('tells clusters from single features', () => {
    expect(matches(IS_CLUSTER, { cluster: true, count: 42 })).toBe(true);
    expect(matches(IS_CLUSTER, { count: 3 })).toBe(true);
    expect(matches(IS_CLUSTER, { id: 'a', status: 'available' })).toBe(false);
    expect(matches(IS_FEATURE, { id: 'a', status: 'available' })).toBe(true);
    expect(matches(IS_FEATURE, { cluster: true, count: 42 })).toBe(false);
  });

  it('sizes clusters by count', () => {
    const r = (count: number) => evaluate(CLUSTER_RADIUS, 'paint_circle', 'circle-radius', { cluster: true, count }) as number;
    expect(r(5)).toBeLessThan(r(50));
    expect(r(50)).toBeLessThan(r(500));
    expect(r(500)).toBeLessThan(r(50_000));
  });

  it('names the count image the same way the count label is drawn', () => {
    for (const count of [7, 356, 999, 1000, 1234, 9960, 12_400, 100_000]) {
      const image = evaluate(COUNT_IMAGE, 'layout_symbol', 'icon-image', { cluster: true, count }) as { name: string };
      expect(image.name).toBe(`vg-count:${countLabel(count)}`);
    }
    expect(countLabel(1234)).toBe('1.2k');
    expect(countLabel(12_400)).toBe('12k');
  });

  it('adds valid layers to the offline style without needing glyphs', () => {
    const style = buildStyle(null);
    style.sources['res-team'] = resourceSource(TEAMS, 'http://vigil.local');
    style.layers.push(...resourceLayerSpecs(TEAMS, true));
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.glyphs).toBeUndefined();
    expect(JSON.stringify(style.layers)).not.toContain('text-field');
    const hidden = resourceLayerSpecs(TEAMS, false);
    expect(hidden.map((l) => (l.layout as { visibility?: string }).visibility)).toEqual(['none', 'none', 'none']);
    expect(hidden.map((l) => (l as { 'source-layer'?: string })['source-layer'])).toEqual(['team', 'team', 'team']);
  });

  it('makes the tiles URL absolute without encoding its placeholders', () => {
    expect(absoluteTilesUrl(TEAMS.tiles, 'https://yj.qz.gov.cn')).toBe('https://yj.qz.gov.cn/api/v1/tiles/team/{z}/{x}/{y}.mvt');
    expect(absoluteTilesUrl('https://t.local/x/{z}/{x}/{y}.mvt', 'https://a')).toBe('https://t.local/x/{z}/{x}/{y}.mvt');
  });

  it('maps style layer ids back to catalogue layers', () => {
    expect(catalogueLayerOf('res-shelter-points')).toBe('shelter');
    expect(catalogueLayerOf('res-team-clusters')).toBe('team');
    expect(catalogueLayerOf('county-fill')).toBeNull();
  });
});

describe('count images', () => {
  it('cover every label a cluster can show, so none is drawn while the map moves', async () => {
    const { allCountLabels } = await import('./count-images');
    const labels = new Set(allCountLabels());
    for (const n of [2, 7, 356, 999, 1000, 1049, 1050, 9949, 9950, 12_345, 99_999, 200_000]) expect(labels.has(countLabel(n))).toBe(true);
    expect(labels.size).toBeLessThan(1_300);
  });
});
