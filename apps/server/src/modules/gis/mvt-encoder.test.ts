import { describe, expect, it } from 'vitest';
import { encodeMvt, zigzag } from './mvt-encoder.js';
import { decodeMvt } from './mvt.test-support.js';

describe('vector tile encoder', () => {
  it('writes point features with typed properties that a decoder reads back', () => {
    const bytes = encodeMvt([
      {
        name: 'team',
        features: [
          {
            x: 10,
            y: 4000,
            properties: { id: 'a-1', name: '晋江消防救援大队', status: 'available', kind: 'team', cluster: false, count: 1 },
          },
          { x: 2048, y: 2048, properties: { cluster: true, count: 1234567890123, kind: 'team', ratio: 0.25, offset: -7, note: null } },
        ],
      },
    ]);
    const [layer, ...rest] = decodeMvt(bytes);
    expect(rest).toEqual([]);
    expect(layer).toMatchObject({ name: 'team', version: 2, extent: 4096 });
    expect(layer!.features).toHaveLength(2);
    expect(layer!.features[0]).toMatchObject({
      type: 1,
      points: [[10, 4000]],
      properties: { id: 'a-1', name: '晋江消防救援大队', status: 'available', kind: 'team', cluster: false, count: 1 },
    });
    expect(layer!.features[1]!.points).toEqual([[2048, 2048]]);
    expect(layer!.features[1]!.properties).toEqual({ cluster: true, count: 1234567890123, kind: 'team', ratio: 0.25, offset: -7 });
  });

  it('shares keys and values between features instead of repeating them', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ x: i, y: i, properties: { status: 'available', kind: 'team' } }));
    const bytes = encodeMvt([{ name: 'team', features: many }]);
    // 200 features of ~17 bytes each; repeating the strings would add ~30 bytes to each.
    expect(bytes.length).toBeLessThan(200 * 18 + 100);
    expect(decodeMvt(bytes)[0]!.features.every((f) => f.properties.status === 'available')).toBe(true);
  });

  it('leaves empty layers out, so an empty tile has no bytes', () => {
    expect(encodeMvt([{ name: 'team', features: [] }])).toHaveLength(0);
  });

  it('zigzags signed integers', () => {
    expect([0, -1, 1, -2, 2].map(zigzag)).toEqual([0, 1, 2, 3, 4]);
  });
});
