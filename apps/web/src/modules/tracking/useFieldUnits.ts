import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TRACKING_EVENTS, TRACKING_TOPIC, type LiveUnitDto, type LiveUnitsDto } from '@vigil/shared';
import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useRealtime } from '../../lib/useRealtime';
import { fetchTrack, fetchUnits, trackKey, unitsKey } from './tracking.api';
import { mergeUnit, unitsGeoJson } from './unit-style';

const UNITS = 'field-units';
const TRACK = 'field-track';
/** The layer a click on a unit hits. */
export const FIELD_UNIT_LAYER = 'field-units-circle';

/**
 * Live field units on a map: every team, vehicle and phone with a recent position as a dot
 * (coloured by kind, grey when stale, re-judged as time passes), moved in place by the realtime
 * `tracking` topic, and the selected unit's track of the last two hours as a line.
 */
export function useFieldUnits(
  map: MapLibreMap | null,
  opts: { visible: boolean; selectedId: string | null; onSelect: (id: string | null) => void },
) {
  const { visible, selectedId } = opts;
  const qc = useQueryClient();
  const units = useQuery({ queryKey: unitsKey, queryFn: () => fetchUnits(), refetchInterval: 120_000 });
  const track = useQuery({
    queryKey: trackKey(selectedId ?? ''),
    queryFn: () => fetchTrack(selectedId!),
    enabled: !!selectedId,
  });
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const onSelect = useRef(opts.onSelect);
  useEffect(() => {
    onSelect.current = opts.onSelect;
  });

  useRealtime(TRACKING_TOPIC, (e) => {
    if (e.name === TRACKING_EVENTS.position) {
      const pushed = e.payload as LiveUnitDto;
      qc.setQueryData<LiveUnitsDto>(unitsKey, (d) => (d ? { ...d, items: mergeUnit(d.items, pushed) } : d));
      if (pushed.trackerId === selectedId) void qc.invalidateQueries({ queryKey: trackKey(pushed.trackerId) });
    } else void qc.invalidateQueries({ queryKey: unitsKey });
  });

  // Layers: created once per map, data replaced on every change.
  useEffect(() => {
    if (!map) return;
    const add = () => {
      if (map.getSource(UNITS)) return;
      map.addSource(TRACK, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({
        id: 'field-track-line',
        type: 'line',
        source: TRACK,
        paint: { 'line-color': '#fa541c', 'line-width': 3, 'line-opacity': 0.8 },
      });
      map.addSource(UNITS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({
        id: FIELD_UNIT_LAYER,
        type: 'circle',
        source: UNITS,
        paint: {
          'circle-color': ['get', 'colour'],
          'circle-radius': ['case', ['==', ['get', 'selected'], 1], 10, 7],
          'circle-opacity': ['case', ['==', ['get', 'stale'], 1], 0.55, 1],
          'circle-stroke-color': ['case', ['==', ['get', 'selected'], 1], '#000000', '#ffffff'],
          'circle-stroke-width': 2,
        },
      });
    };
    if (map.isStyleLoaded()) add();
    else map.once('load', add);
    const click = (e: MapLayerMouseEvent) => {
      const tid = (e.features?.[0]?.properties as { tid?: string } | undefined)?.tid;
      if (tid) onSelect.current(tid);
    };
    const enter = () => (map.getCanvas().style.cursor = 'pointer');
    const leave = () => (map.getCanvas().style.cursor = '');
    map.on('click', FIELD_UNIT_LAYER, click);
    map.on('mouseenter', FIELD_UNIT_LAYER, enter);
    map.on('mouseleave', FIELD_UNIT_LAYER, leave);
    return () => {
      map.off('click', FIELD_UNIT_LAYER, click);
      map.off('mouseenter', FIELD_UNIT_LAYER, enter);
      map.off('mouseleave', FIELD_UNIT_LAYER, leave);
    };
  }, [map]);

  useEffect(() => {
    if (!map) return;
    const apply = () => {
      const src = map.getSource(UNITS) as GeoJSONSource | undefined;
      const trackSrc = map.getSource(TRACK) as GeoJSONSource | undefined;
      if (!src || !trackSrc) return false;
      const d = units.data;
      void src.setData(
        (visible && d
          ? unitsGeoJson(d.items, tick, d.staleAfterSeconds, selectedId)
          : { type: 'FeatureCollection', features: [] }) as never,
      );
      const pts = visible && selectedId && track.data?.trackerId === selectedId ? track.data.points : [];
      void trackSrc.setData({
        type: 'FeatureCollection',
        features:
          pts.length > 1
            ? [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: pts.map((p) => [p.lng, p.lat]) } }]
            : [],
      } as never);
      return true;
    };
    if (!apply()) {
      const retry = () => void apply();
      map.once('idle', retry);
      return () => void map.off('idle', retry);
    }
  }, [map, units.data, track.data, tick, visible, selectedId]);

  return { units, track, now: tick };
}
