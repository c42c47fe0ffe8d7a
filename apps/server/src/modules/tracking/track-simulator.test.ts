import { distanceMeters, lngLat } from '@vigil/geo';
import { describe, expect, it } from 'vitest';
import { nextFix } from './track-simulator.js';

describe('the demo track simulator', () => {
  it('drives at a plausible speed that the jump check accepts, and stays in the Quanzhou area', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 16_807) % 2_147_483_647) - 1) / 2_147_483_646;
    let p = { lng: 118.9, lat: 25.0, heading: 45, speed: 35 };
    for (let i = 0; i < 2_000; i++) {
      const n = nextFix(p, 10, rand);
      const kmh = (distanceMeters(lngLat(p.lng, p.lat), lngLat(n.lng, n.lat)) / 10) * 3.6;
      expect(kmh).toBeLessThanOrEqual(51);
      expect(n.lng).toBeGreaterThan(117.5);
      expect(n.lng).toBeLessThan(119.1);
      expect(n.lat).toBeGreaterThan(24.4);
      expect(n.lat).toBeLessThan(25.7);
      p = n;
    }
  });
});
