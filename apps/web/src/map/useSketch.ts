import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useRef } from 'react';
import type { Position } from './measure';
import { canFinish, sketchCollection, type SketchCollection, type SketchState, type SketchTool } from './sketch-shape';

export const SKETCH_SOURCE = 'sketch';
/** The lowest sketch layer: resource layers are inserted below it so the sketch stays on top. */
export const SKETCH_FIRST_LAYER = 'sketch-fill';

const EMPTY: SketchCollection = { type: 'FeatureCollection', features: [] };
const COLOR = '#722ed1';

function ensureSketchLayers(map: MapLibreMap): void {
  if (map.getSource(SKETCH_SOURCE)) return;
  map.addSource(SKETCH_SOURCE, { type: 'geojson', data: EMPTY as never });
  map.addLayer({
    id: SKETCH_FIRST_LAYER,
    type: 'fill',
    source: SKETCH_SOURCE,
    filter: ['==', ['get', 'role'], 'area'],
    paint: { 'fill-color': COLOR, 'fill-opacity': 0.12 },
  });
  map.addLayer({
    id: 'sketch-line',
    type: 'line',
    source: SKETCH_SOURCE,
    filter: ['!=', ['get', 'role'], 'vertex'],
    paint: { 'line-color': COLOR, 'line-width': 2, 'line-dasharray': [2, 1] },
  });
  map.addLayer({
    id: 'sketch-vertex',
    type: 'circle',
    source: SKETCH_SOURCE,
    filter: ['==', ['get', 'role'], 'vertex'],
    paint: { 'circle-radius': 4, 'circle-color': '#ffffff', 'circle-stroke-color': COLOR, 'circle-stroke-width': 2 },
  });
}

export interface SketchHandlers {
  /** A vertex was added (not called on mouse moves). */
  onProgress: (s: SketchState) => void;
  /** The shape is complete: a circle's rim click, or a double-click for paths and polygons. */
  onFinish: (s: SketchState) => void;
  /** Escape pressed. */
  onCancel: () => void;
}

/**
 * Our own small drawing tool on MapLibre: while `tool` is set, clicks add vertices, the cursor
 * previews the next one (redrawn at most once per animation frame) and a double-click or the
 * circle's second click finishes. The finished sketch stays drawn until `clear()` or the next tool.
 */
export function useSketch(map: MapLibreMap | null, tool: SketchTool | null, handlers: SketchHandlers) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    if (map) ensureSketchLayers(map);
  }, [map]);

  useEffect(() => {
    if (!map || !tool) return;
    const source = () => map.getSource(SKETCH_SOURCE) as GeoJSONSource | undefined;
    let s: SketchState = { tool, vertices: [], done: false };
    let cursor: Position | null = null;
    let frame = 0;
    const draw = () => void source()?.setData(sketchCollection(s, cursor) as never);
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), draw()));
    };
    const finish = () => {
      if (!canFinish(s)) return;
      s = { ...s, done: true };
      cursor = null;
      draw();
      ref.current.onFinish(s);
    };
    const onClick = (e: MapMouseEvent) => {
      const last = s.vertices[s.vertices.length - 1];
      // The two clicks of a double-click land on the same spot: keep one vertex.
      if (last) {
        const p = map.project(last);
        if (Math.hypot(p.x - e.point.x, p.y - e.point.y) < 4) return;
      }
      s = { ...s, vertices: [...s.vertices, [e.lngLat.lng, e.lngLat.lat]] };
      if (tool === 'circle' && s.vertices.length === 2) return finish();
      draw();
      ref.current.onProgress(s);
    };
    const onMove = (e: MapMouseEvent) => {
      if (s.vertices.length === 0) return;
      cursor = [e.lngLat.lng, e.lngLat.lat];
      schedule();
    };
    const onDouble = (e: MapMouseEvent) => {
      e.preventDefault();
      finish();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      s = { tool, vertices: [], done: false };
      cursor = null;
      draw();
      ref.current.onCancel();
    };
    draw();
    map.doubleClickZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    map.on('click', onClick);
    map.on('mousemove', onMove);
    map.on('dblclick', onDouble);
    window.addEventListener('keydown', onKey);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      map.off('click', onClick);
      map.off('mousemove', onMove);
      map.off('dblclick', onDouble);
      window.removeEventListener('keydown', onKey);
      map.getCanvas().style.cursor = '';
      // Re-enable after this double-click has been handled, so it does not zoom.
      setTimeout(() => map.doubleClickZoom.enable(), 0);
    };
  }, [map, tool]);

  const clear = useCallback(() => {
    void (map?.getSource(SKETCH_SOURCE) as GeoJSONSource | undefined)?.setData(EMPTY as never);
  }, [map]);
  return { clear };
}
