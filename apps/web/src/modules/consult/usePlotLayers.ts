import type { PlotLayerDto } from '@vigil/shared';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { SKETCH_FIRST_LAYER } from '../../map/useSketch';

export const PLOT_SOURCE = 'consult-plot';
/** The layers a click may select a feature on. */
export const PLOT_LAYERS = ['consult-plot-fill', 'consult-plot-line', 'consult-plot-point'];

/**
 * Draws the incident's plotted features in their own colours (below the sketch layers), with labels,
 * and the selected one highlighted.
 */
export function usePlotLayers(map: MapLibreMap | null, layer: PlotLayerDto | undefined, selectedId: string | null) {
  useEffect(() => {
    if (!map || !layer) return;
    // Feature ids are UUIDs: MapLibre wants numeric ids, so the id goes into the properties.
    const data = {
      type: 'FeatureCollection',
      features: layer.features.map((f) => ({ ...f, id: undefined, properties: { ...f.properties, fid: f.id } })),
    };
    const source = map.getSource(PLOT_SOURCE) as GeoJSONSource | undefined;
    if (source) {
      void source.setData(data as never);
      return;
    }
    const before = map.getLayer(SKETCH_FIRST_LAYER) ? SKETCH_FIRST_LAYER : undefined;
    const colour = ['get', 'colour'] as never;
    map.addSource(PLOT_SOURCE, { type: 'geojson', data: data as never });
    map.addLayer(
      {
        id: 'consult-plot-fill',
        type: 'fill',
        source: PLOT_SOURCE,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': colour, 'fill-opacity': 0.25 },
      },
      before,
    );
    map.addLayer(
      {
        id: 'consult-plot-line',
        type: 'line',
        source: PLOT_SOURCE,
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'line-color': colour, 'line-width': 3 },
      },
      before,
    );
    map.addLayer(
      {
        id: 'consult-plot-point',
        type: 'circle',
        source: PLOT_SOURCE,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 7, 'circle-color': colour, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
      },
      before,
    );
    map.addLayer(
      {
        id: 'consult-plot-selected',
        type: 'line',
        source: PLOT_SOURCE,
        filter: ['==', ['get', 'fid'], ''],
        paint: { 'line-color': '#1677ff', 'line-width': 5, 'line-opacity': 0.6 },
      },
      before,
    );
    if (map.getStyle().glyphs)
      map.addLayer({
        id: 'consult-plot-label',
        type: 'symbol',
        source: PLOT_SOURCE,
        layout: { 'text-field': ['coalesce', ['get', 'label'], ''], 'text-size': 12, 'text-offset': [0, 1.2] },
        paint: { 'text-color': '#222', 'text-halo-color': '#fff', 'text-halo-width': 1.5 },
      });
  }, [map, layer]);

  useEffect(() => {
    if (!map?.getLayer('consult-plot-selected')) return;
    map.setFilter('consult-plot-selected', ['==', ['get', 'fid'], selectedId ?? '']);
  }, [map, selectedId, layer]);
}
