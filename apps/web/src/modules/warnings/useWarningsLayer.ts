import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { WarningMapCollection, WarningMapProps } from './warnings.api';
import { colourExpression, orderForDrawing } from './warnings-map-layer';

const SOURCE = 'warnings';
export const WARNING_LAYERS = ['warnings-fill', 'warnings-line', 'warnings-line-external'] as const;
const EMPTY: WarningMapCollection = { type: 'FeatureCollection', features: [] };

/** The layer right above the boundaries: warning areas go below every point layer and the sketch. */
function beforeId(map: MapLibreMap): string | undefined {
  const ids = map.getStyle().layers.map((l) => l.id);
  const i = ids.indexOf('city-line');
  return i >= 0 ? ids[i + 1] : undefined;
}

/**
 * Warning areas on a map (One Map layer): filled in the warning's colour, outlined solid for our
 * own warnings and dashed for external ones; a click on an area reports its properties.
 */
export function useWarningsLayer(
  map: MapLibreMap | null,
  data: WarningMapCollection | undefined,
  visible: boolean,
  onPick: (p: WarningMapProps, at: { lng: number; lat: number }) => void,
) {
  const pickRef = useRef(onPick);
  useEffect(() => {
    pickRef.current = onPick;
  });

  useEffect(() => {
    if (!map) return;
    const before = beforeId(map);
    map.addSource(SOURCE, { type: 'geojson', data: EMPTY as never });
    const colour = colourExpression();
    map.addLayer({ id: 'warnings-fill', type: 'fill', source: SOURCE, paint: { 'fill-color': colour, 'fill-opacity': 0.22 } }, before);
    map.addLayer(
      {
        id: 'warnings-line',
        type: 'line',
        source: SOURCE,
        filter: ['!=', ['get', 'source'], 'external'],
        paint: { 'line-color': colour, 'line-width': 2 },
      },
      before,
    );
    map.addLayer(
      {
        id: 'warnings-line-external',
        type: 'line',
        source: SOURCE,
        filter: ['==', ['get', 'source'], 'external'],
        paint: { 'line-color': colour, 'line-width': 2, 'line-dasharray': [3, 2] },
      },
      before,
    );
    const onClick = (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      if (f) pickRef.current(f.properties as WarningMapProps, { lng: e.lngLat.lng, lat: e.lngLat.lat });
    };
    map.on('click', 'warnings-fill', onClick);
    return () => {
      map.off('click', 'warnings-fill', onClick);
      if (!map.getStyle()) return;
      for (const id of WARNING_LAYERS) if (map.getLayer(id)) map.removeLayer(id);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    };
  }, [map]);

  useEffect(() => {
    if (!map) return;
    void (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData(orderForDrawing(data ?? EMPTY) as never);
  }, [map, data]);

  useEffect(() => {
    if (!map) return;
    for (const id of WARNING_LAYERS) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }, [map, visible]);
}
