import { placeLabels } from './label-collision';
import {
  type GeoJSONSource,
  Map as MapLibreMap,
  type MapMouseEvent,
  Marker,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { BoundaryCollection, BoundaryProps } from './map.api';
import { buildStyle, collectionBbox, QUANZHOU_BBOX, type Basemap } from './map-style';

setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** The One Map's MapLibre instance, for browser tests and the console. */
    __vigilMap?: MapLibreMap;
  }
}

export interface MapCallbacks {
  onCounty: (p: BoundaryProps | null) => void;
  onClick: (lng: number, lat: number) => void;
  /** Sees every click first; returning true means it was handled (a feature, a tool) and skips the county. */
  intercept?: (e: MapMouseEvent) => boolean;
  /** Right-click on the map. */
  onContextMenu?: (lng: number, lat: number) => void;
}

/** Creates the MapLibre map in `container` once and tears it down on unmount. */
/** `basemap` is undefined while the client configuration is still loading: no map yet. */
export function useMapInstance(container: RefObject<HTMLDivElement | null>, basemap: Basemap | null | undefined, cb: MapCallbacks) {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const cbRef = useRef(cb);
  useEffect(() => {
    cbRef.current = cb;
  });

  useEffect(() => {
    if (basemap === undefined || !container.current) return;
    const m = new MapLibreMap({
      container: container.current,
      style: buildStyle(basemap),
      bounds: [QUANZHOU_BBOX[0], QUANZHOU_BBOX[1], QUANZHOU_BBOX[2], QUANZHOU_BBOX[3]],
      fitBoundsOptions: { padding: 24 },
      attributionControl: basemap ? { compact: true } : false,
      maxZoom: 18,
      dragRotate: false,
    });
    m.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
    m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    let hovered: string | null = null;
    const setHover = (code: string | null) => {
      if (hovered) m.setFeatureState({ source: 'county', id: hovered }, { hover: false });
      hovered = code;
      if (code) m.setFeatureState({ source: 'county', id: code }, { hover: true });
      // A drawing tool owns the cursor while it is active.
      if (m.getCanvas().style.cursor !== 'crosshair') m.getCanvas().style.cursor = code ? 'pointer' : '';
    };
    // Hover highlight only when the pointer moves over a still map: during a drag the map moves
    // under the pointer, and a feature query plus a re-coloured county layer on every mouse event
    // would be work in every frame of the pan.
    m.on('mousemove', (e: MapMouseEvent) => {
      if (e.originalEvent.buttons !== 0 || m.isMoving()) return;
      const f = m.queryRenderedFeatures(e.point, { layers: ['county-fill'] })[0];
      setHover((f?.properties as BoundaryProps | undefined)?.code ?? null);
    });
    m.getCanvas().addEventListener('mouseleave', () => setHover(null));
    m.on('click', (e: MapMouseEvent) => {
      if (cbRef.current.intercept?.(e)) return;
      const f = m.queryRenderedFeatures(e.point, { layers: ['county-fill'] })[0];
      cbRef.current.onCounty(f ? (f.properties as BoundaryProps) : null);
      cbRef.current.onClick(e.lngLat.lng, e.lngLat.lat);
    });
    m.on('contextmenu', (e: MapMouseEvent) => {
      e.originalEvent.preventDefault();
      cbRef.current.onContextMenu?.(e.lngLat.lng, e.lngLat.lat);
    });
    // The style (sources and layers) is what the boundaries need; 'load' would also wait for basemap
    // tiles, and a basemap that cannot be reached must not keep the boundaries off the map.
    if (m.isStyleLoaded()) setMap(m);
    else m.once('style.load', () => setMap(m));
    window.__vigilMap = m;
    return () => {
      if (window.__vigilMap === m) delete window.__vigilMap;
      setMap(null);
      m.remove();
    };
  }, [container, basemap]);

  return map;
}

/** Puts the boundaries on the map, adds the Chinese county names as HTML markers and fits to the city. */
export function useBoundaries(
  map: MapLibreMap | null,
  city: BoundaryCollection | undefined,
  counties: BoundaryCollection | undefined,
  onLabel: (p: BoundaryProps) => void,
) {
  const labelRef = useRef(onLabel);
  useEffect(() => {
    labelRef.current = onLabel;
  });

  useEffect(() => {
    if (!map || !city) return;
    void (map.getSource('city') as GeoJSONSource | undefined)?.setData(city as never);
    const box = collectionBbox(city);
    if (box) map.fitBounds([box[0], box[1], box[2], box[3]], { padding: 32, duration: 0 });
  }, [map, city]);

  useEffect(() => {
    if (!map || !counties) return;
    void (map.getSource('county') as GeoJSONSource | undefined)?.setData(counties as never);
    const markers = counties.features
      .filter((f) => f.properties.labelLng != null && f.properties.labelLat != null)
      .map((f) => {
        const el = document.createElement('div');
        el.className = 'vg-county-label';
        el.textContent = f.properties.name;
        el.dataset.testid = 'county-label';
        el.dataset.code = f.properties.code;
        el.addEventListener('click', (ev) => {
          ev.stopPropagation();
          labelRef.current(f.properties);
        });
        el.dataset.priority = String(f.properties.areaKm2 ?? 0);
        return new Marker({ element: el }).setLngLat([f.properties.labelLng!, f.properties.labelLat!]).addTo(map);
      });
    // Hide labels that would overlap a larger county's label; they come back when zooming in.
    const declutter = () => {
      const boxes = markers.map((mk) => {
        const el = mk.getElement();
        const r = el.getBoundingClientRect();
        return { id: el.dataset.code!, left: r.left, top: r.top, right: r.right, bottom: r.bottom, priority: Number(el.dataset.priority) };
      });
      const shown = placeLabels(boxes);
      for (const mk of markers) mk.getElement().style.visibility = shown.has(mk.getElement().dataset.code!) ? 'visible' : 'hidden';
    };
    requestAnimationFrame(declutter);
    map.on('moveend', declutter);
    return () => {
      map.off('moveend', declutter);
      markers.forEach((mk) => mk.remove());
    };
  }, [map, counties]);
}

/** Marks one county as selected (feature state) and clears the previous one. */
export function useSelectedCounty(map: MapLibreMap | null, code: string | null) {
  useEffect(() => {
    if (!map || !code) return;
    map.setFeatureState({ source: 'county', id: code }, { selected: true });
    return () => {
      if (map.getSource('county')) map.setFeatureState({ source: 'county', id: code }, { selected: false });
    };
  }, [map, code]);
}

/** A pin at the last located point; the map pans to it when it moves off-screen. */
export function usePin(map: MapLibreMap | null, at: { lng: number; lat: number } | null | undefined) {
  const lng = at?.lng;
  const lat = at?.lat;
  useEffect(() => {
    if (!map || lng === undefined || lat === undefined) return;
    const el = document.createElement('div');
    el.className = 'vg-pin';
    el.dataset.testid = 'locate-pin';
    const pin = new Marker({ element: el }).setLngLat([lng, lat]).addTo(map);
    if (!map.getBounds().contains([lng, lat])) map.easeTo({ center: [lng, lat] });
    return () => {
      pin.remove();
    };
  }, [map, lng, lat]);
}
