import type { LiveUnitDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { mergeUnit, STALE_COLOUR, staleAt, UNIT_COLOURS, unitsGeoJson } from './unit-style';

const unit = (id: string, at: string, over: Partial<LiveUnitDto> = {}): LiveUnitDto => ({
  trackerId: id,
  name: `终端 ${id}`,
  kind: 'device',
  subjectKind: 'team',
  subjectId: null,
  subjectName: `队伍 ${id}`,
  lng: 118.6,
  lat: 24.9,
  at,
  speedKmh: null,
  heading: null,
  stale: false,
  ...over,
});

describe('field unit markers', () => {
  const now = Date.parse('2026-07-01T08:10:00Z');
  it('greys a unit once its last fix is older than the threshold', () => {
    expect(staleAt(unit('a', '2026-07-01T08:06:00Z'), now, 300)).toBe(false);
    expect(staleAt(unit('a', '2026-07-01T08:04:59Z'), now, 300)).toBe(true);
    const fc = unitsGeoJson(
      [unit('a', '2026-07-01T08:09:00Z'), unit('b', '2026-07-01T07:00:00Z', { subjectKind: 'equipment' })],
      now,
      300,
      'b',
    );
    expect(fc.features.map((f) => [f.properties.colour, f.properties.stale, f.properties.selected])).toEqual([
      [UNIT_COLOURS.team, 0, 0],
      [STALE_COLOUR, 1, 1],
    ]);
  });
  it('moves a pushed unit to the front and never back in time', () => {
    const list = [unit('a', '2026-07-01T08:00:00Z'), unit('b', '2026-07-01T07:59:00Z')];
    expect(mergeUnit(list, unit('b', '2026-07-01T08:01:00Z', { lng: 118.7 })).map((u) => [u.trackerId, u.lng])).toEqual([
      ['b', 118.7],
      ['a', 118.6],
    ]);
    expect(mergeUnit(list, unit('a', '2026-07-01T07:00:00Z', { lng: 1 }))[0]!.lng).toBe(118.6);
    expect(mergeUnit(list, unit('c', '2026-07-01T08:02:00Z')).map((u) => u.trackerId)).toEqual(['c', 'a', 'b']);
  });
});
