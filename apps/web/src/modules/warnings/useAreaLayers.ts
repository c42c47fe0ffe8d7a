import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { SKETCH_FIRST_LAYER } from '../../map/useSketch';
import { drawnCollection, type DrawnArea } from './warning-area';

const SOURCE = 'warning-area';

/**
 * Draws a warning's area on a map: the drawn polygon/circle in the warning's colour (below the
 * sketch layers, so a new drawing stays on top), and the chosen counties highlighted.
 */
export function useAreaLayers(
  map: MapLibreMap | null,
  drawn: DrawnArea | null | undefined,
  divisionCodes: readonly string[],
  colour: string,
) {
  useEffect(() => {
    if (!map) return;
    const data = drawnCollection(drawn);
    const source = map.getSource(SOURCE) as GeoJSONSource | undefined;
    if (source) {
      void source.setData(data as never);
      return;
    }
    const before = map.getLayer(SKETCH_FIRST_LAYER) ? SKETCH_FIRST_LAYER : undefined;
    map.addSource(SOURCE, { type: 'geojson', data: data as never });
    map.addLayer({ id: 'warning-area-fill', type: 'fill', source: SOURCE, paint: { 'fill-color': colour, 'fill-opacity': 0.25 } }, before);
    map.addLayer({ id: 'warning-area-line', type: 'line', source: SOURCE, paint: { 'line-color': colour, 'line-width': 2.5 } }, before);
  }, [map, drawn, colour]);

  useEffect(() => {
    if (!map?.getLayer('warning-area-fill')) return;
    map.setPaintProperty('warning-area-fill', 'fill-color', colour);
    map.setPaintProperty('warning-area-line', 'line-color', colour);
  }, [map, colour]);

  const codes = divisionCodes.join(',');
  useEffect(() => {
    if (!map || !codes) return;
    const list = codes.split(',');
    for (const code of list) map.setFeatureState({ source: 'county', id: code }, { selected: true });
    return () => {
      if (!map.getSource('county')) return;
      for (const code of list) map.setFeatureState({ source: 'county', id: code }, { selected: false });
    };
  }, [map, codes]);
}
