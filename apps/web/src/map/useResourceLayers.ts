import type { LayerDto, MapLayer } from '@vigil/shared';
import type { MapGeoJSONFeature, Map as MapLibreMap, MapMouseEvent, PointLike } from 'maplibre-gl';
import { useEffect } from 'react';
import { provideCountImages } from './count-images';
import { SKETCH_FIRST_LAYER } from './useSketch';
import { catalogueLayerOf, interactiveLayerIds, layerIds, resourceLayerSpecs, resourceSource } from './resource-layers';

/** A resource (or incident) feature picked on the map. */
export interface PickedFeature {
  layer: MapLayer;
  id: string;
  name: string;
  status: string;
  typeCode: string | null;
  lng: number;
  lat: number;
}

/** What is under a click: a cluster to zoom into, a single feature, or nothing of ours. */
export type Pick = { type: 'cluster'; lng: number; lat: number } | { type: 'feature'; feature: PickedFeature } | null;

function visibleInteractive(map: MapLibreMap, layers: readonly MapLayer[]): string[] {
  return interactiveLayerIds(layers).filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
}

function pointOf(f: MapGeoJSONFeature): [number, number] | null {
  const g = f.geometry as unknown as { type: string; coordinates: unknown };
  return g.type === 'Point' ? (g.coordinates as [number, number]) : null;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The topmost resource feature under a screen point (a few pixels of tolerance for small circles). */
export function pickAt(map: MapLibreMap, point: { x: number; y: number }, layers: readonly MapLayer[]): Pick {
  const ids = visibleInteractive(map, layers);
  if (ids.length === 0) return null;
  const box: [PointLike, PointLike] = [
    [point.x - 4, point.y - 4],
    [point.x + 4, point.y + 4],
  ];
  const f = map.queryRenderedFeatures(box, { layers: ids })[0];
  if (!f) return null;
  const at = pointOf(f);
  const layer = catalogueLayerOf(f.layer.id);
  if (!at || !layer) return null;
  const p = f.properties as Record<string, unknown>;
  if (f.layer.id.endsWith('-clusters')) return { type: 'cluster', lng: at[0], lat: at[1] };
  return {
    type: 'feature',
    feature: {
      layer: (typeof p.kind === 'string' ? p.kind : layer) as MapLayer,
      id: text(p.id) || text(f.id),
      name: text(p.name),
      status: text(p.status),
      typeCode: typeof p.type_code === 'string' ? p.type_code : null,
      lng: at[0],
      lat: at[1],
    },
  };
}

/**
 * Adds one vector-tile source and its cluster/count/point layers per catalogue layer (above the
 * boundaries), keeps their visibility in step with the toggles, and shows a pointer over features.
 * Nothing here touches React state on map moves.
 */
export function useResourceLayers(map: MapLibreMap | null, layers: LayerDto[] | undefined, visible: Record<string, boolean>) {
  useEffect(() => {
    if (!map || !layers) return;
    const stopImages = provideCountImages(map);
    const origin = window.location.origin;
    for (const layer of layers) {
      const ids = layerIds(layer.id);
      if (!map.getSource(ids.source)) map.addSource(ids.source, resourceSource(layer, origin));
      for (const spec of resourceLayerSpecs(layer, visible[layer.id] !== false)) {
        if (!map.getLayer(spec.id)) map.addLayer(spec, map.getLayer(SKETCH_FIRST_LAYER) ? SKETCH_FIRST_LAYER : undefined);
      }
    }
    const kinds = layers.map((l) => l.id);
    // Pointer cursor over features: one rendered-features query per animation frame at most, none while panning.
    let frame = 0;
    let last: { x: number; y: number } | null = null;
    let pointer = false;
    const onMove = (e: MapMouseEvent) => {
      last = e.point;
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (!last || map.isMoving() || map.getCanvas().style.cursor === 'crosshair') return;
        const hit = pickAt(map, last, kinds) !== null;
        if (hit !== pointer) map.getCanvas().style.cursor = hit ? 'pointer' : '';
        pointer = hit;
      });
    };
    map.on('mousemove', onMove);
    return () => {
      stopImages();
      map.off('mousemove', onMove);
      if (frame) cancelAnimationFrame(frame);
      try {
        for (const layer of layers) {
          const ids = layerIds(layer.id);
          for (const id of [ids.points, ids.counts, ids.clusters]) if (map.getLayer(id)) map.removeLayer(id);
          if (map.getSource(ids.source)) map.removeSource(ids.source);
        }
      } catch {
        // the map itself is already gone
      }
    };
    // Visibility changes are applied by the effect below without rebuilding the layers.
  }, [map, layers]);

  useEffect(() => {
    if (!map || !layers) return;
    for (const layer of layers) {
      const ids = layerIds(layer.id);
      const v = visible[layer.id] !== false ? 'visible' : 'none';
      for (const id of [ids.clusters, ids.counts, ids.points]) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', v);
    }
  }, [map, layers, visible]);
}
