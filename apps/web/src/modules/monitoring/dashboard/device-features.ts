import type { DashboardDeviceDto } from '@vigil/shared';

/** Draw order of device states: worse on top. */
export const STATE_ORDER: Record<DashboardDeviceDto['state'], number> = { ok: 0, offline: 1, blue: 2, yellow: 3, orange: 4, red: 5 };

/** Dashboard devices as a GeoJSON point collection for MapLibre (`order` lets the layer draw alarms on top). */
export function deviceFeatures(items: readonly DashboardDeviceDto[]) {
  return {
    type: 'FeatureCollection' as const,
    features: items.map((d) => ({
      type: 'Feature' as const,
      id: d.id,
      geometry: { type: 'Point' as const, coordinates: [d.lng, d.lat] as [number, number] },
      properties: { id: d.id, name: d.name, code: d.code, state: d.state, order: STATE_ORDER[d.state] },
    })),
  };
}
