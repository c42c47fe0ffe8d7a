import { RESOURCE_KINDS, RESOURCE_STATUSES } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { LAYER_STYLES, resourceLayers } from './layer-catalogue.js';

describe('layer catalogue', () => {
  it('gives every status of every kind its own legend colour and label', () => {
    for (const layer of resourceLayers()) {
      const statuses = Object.keys(RESOURCE_STATUSES[layer.id]);
      expect(Object.keys(layer.statuses)).toEqual(statuses);
      for (const s of statuses) {
        expect(LAYER_STYLES[layer.id].statusColors[s], `${layer.id}.${s}`).toMatch(/^#[0-9a-f]{6}$/);
        expect(layer.statuses[s]!.label).toBe((RESOURCE_STATUSES[layer.id] as Record<string, string>)[s]);
      }
    }
  });

  it('lists the seven kinds in order with their tile URL templates', () => {
    const layers = resourceLayers();
    expect(layers.map((l) => l.id)).toEqual([...RESOURCE_KINDS]);
    expect(layers[0]).toMatchObject({ name: '救援队伍', nameEn: 'Rescue teams', tiles: '/api/v1/tiles/team/{z}/{x}/{y}.mvt' });
  });
});
