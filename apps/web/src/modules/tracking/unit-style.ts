import type { LiveUnitDto, TrackerSubjectKind } from '@vigil/shared';

/** Marker colours of live units by what they are; stale units are grey whatever they are. */
export const UNIT_COLOURS: Record<TrackerSubjectKind, string> = { team: '#d4380d', equipment: '#1677ff', user: '#722ed1' };
export const STALE_COLOUR = '#8c8c8c';

/** Whether a unit's last fix is older than the threshold at `now` (re-evaluated on the client as time passes). */
export function staleAt(unit: Pick<LiveUnitDto, 'at'>, now: number, staleAfterSeconds: number): boolean {
  return now - new Date(unit.at).getTime() > staleAfterSeconds * 1000;
}

/** The GeoJSON the map draws: one point per unit with its colour, label and stale flag. */
export function unitsGeoJson(units: readonly LiveUnitDto[], now: number, staleAfterSeconds: number, selectedId: string | null) {
  return {
    type: 'FeatureCollection' as const,
    features: units.map((u) => {
      const stale = staleAt(u, now, staleAfterSeconds);
      return {
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [u.lng, u.lat] },
        properties: {
          tid: u.trackerId,
          name: u.subjectName === u.name ? u.name : `${u.subjectName}`,
          colour: stale ? STALE_COLOUR : UNIT_COLOURS[u.subjectKind],
          stale: stale ? 1 : 0,
          selected: u.trackerId === selectedId ? 1 : 0,
        },
      };
    }),
  };
}

/** Replaces (or adds) a unit pushed live, keeping the list newest first. */
export function mergeUnit(units: readonly LiveUnitDto[], pushed: LiveUnitDto): LiveUnitDto[] {
  const rest = units.filter((u) => u.trackerId !== pushed.trackerId);
  const old = units.find((u) => u.trackerId === pushed.trackerId);
  // A late upload never moves a unit back in time.
  if (old && new Date(old.at) > new Date(pushed.at)) return [...units];
  return [pushed, ...rest];
}
