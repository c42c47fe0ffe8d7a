import type { PublicShelterDto } from '@vigil/shared';
import { Spin } from 'antd';
import { Popup, type GeoJSONSource, type MapMouseEvent } from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientConfig } from '../../lib/client-config';
import type { BoundaryCollection } from '../../map/map.api';
import { useBoundaries, useMapInstance, usePin, useSelectedCounty } from '../../map/useOneMap';
import type { AreaCollection, AreaProps } from './portal.api';
import { COLOUR_HEX, NO_COLOUR_HEX, SEVERITY } from './portal-format';
import '../../map/map.css';

const EMPTY = { type: 'FeatureCollection', features: [] } as const;
const AREA_FILL = 'portal-area-fill';

const colourExpr = ['match', ['get', 'colour'], ...SEVERITY.flatMap((c) => [c, COLOUR_HEX[c]]), NO_COLOUR_HEX] as unknown as string;

export interface PortalMapProps {
  areas: AreaCollection | undefined;
  /** Identifiers the filter leaves visible. */
  visible: readonly string[];
  city: BoundaryCollection | undefined;
  counties: BoundaryCollection | undefined;
  selectedCounty: string;
  shelters: readonly PublicShelterDto[];
  pin: { lng: number; lat: number } | null;
  /** A click on the map: the point to search shelters around. */
  onPick: (lng: number, lat: number) => void;
  onOpen: (identifier: string) => void;
}

/** Warning areas coloured by level over the county boundaries, nearby shelters, and a popup of the warnings at a clicked point. */
export function PortalMap(props: PortalMapProps) {
  const { t } = useTranslation();
  const config = useClientConfig();
  const container = useRef<HTMLDivElement | null>(null);
  const basemap = config.isPending ? undefined : (config.data?.basemap ?? null);
  const live = useRef(props);
  useEffect(() => {
    live.current = props;
  });
  const popup = useRef<Popup | null>(null);

  const map = useMapInstance(container, basemap, {
    onCounty: () => undefined,
    onClick: () => undefined,
    intercept: (e: MapMouseEvent) => {
      const m = e.target;
      popup.current?.remove();
      const hits = m.queryRenderedFeatures(e.point, { layers: [AREA_FILL] }).map((f) => f.properties as AreaProps);
      if (hits.length) {
        const box = document.createElement('div');
        box.className = 'vg-portal-popup';
        for (const a of hits) {
          const b = document.createElement('button');
          b.type = 'button';
          b.textContent = a.headline;
          b.style.borderLeftColor = a.colour ? COLOUR_HEX[a.colour] : NO_COLOUR_HEX;
          b.addEventListener('click', () => live.current.onOpen(a.identifier));
          box.appendChild(b);
        }
        popup.current = new Popup({ maxWidth: '280px' }).setLngLat(e.lngLat).setDOMContent(box).addTo(m);
      }
      live.current.onPick(e.lngLat.lng, e.lngLat.lat);
      return true;
    },
  });
  useBoundaries(map, props.city, props.counties, (c) => {
    if (c.labelLng != null && c.labelLat != null) live.current.onPick(c.labelLng, c.labelLat);
  });
  useSelectedCounty(map, props.selectedCounty || null);
  usePin(map, props.pin);
  const pinLng = props.pin?.lng;
  const pinLat = props.pin?.lat;
  useEffect(() => {
    // Bring the searched place close enough to tell the shelters apart.
    if (map && pinLng !== undefined && pinLat !== undefined) map.easeTo({ center: [pinLng, pinLat], zoom: Math.max(map.getZoom(), 11) });
  }, [map, pinLng, pinLat]);

  useEffect(() => {
    if (!map) return;
    map.addSource('portal-areas', { type: 'geojson', data: EMPTY as never });
    map.addSource('portal-shelters', { type: 'geojson', data: EMPTY as never });
    const sortKey = ['match', ['get', 'colour'], 'red', 4, 'orange', 3, 'yellow', 2, 'blue', 1, 0] as unknown as number;
    map.addLayer({
      id: AREA_FILL,
      type: 'fill',
      source: 'portal-areas',
      layout: { 'fill-sort-key': sortKey },
      paint: { 'fill-color': colourExpr, 'fill-opacity': 0.35 },
    });
    map.addLayer({
      id: 'portal-area-line',
      type: 'line',
      source: 'portal-areas',
      layout: { 'line-sort-key': sortKey },
      paint: { 'line-color': colourExpr, 'line-width': 2 },
    });
    map.addLayer({
      id: 'portal-shelter-points',
      type: 'circle',
      source: 'portal-shelters',
      paint: {
        'circle-radius': 7,
        'circle-color': ['match', ['get', 'status'], 'full', '#8c8c8c', '#389e0d'],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
    return () => {
      popup.current?.remove();
    };
  }, [map]);

  const shown = useMemo(() => {
    const keep = new Set(props.visible);
    return { type: 'FeatureCollection', features: (props.areas?.features ?? []).filter((f) => keep.has(f.properties.identifier)) };
  }, [props.areas, props.visible]);

  useEffect(() => {
    void (map?.getSource('portal-areas') as GeoJSONSource | undefined)?.setData(shown as never);
  }, [map, shown]);

  useEffect(() => {
    const features = props.shelters.map((s) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [s.lng, s.lat] },
      properties: { name: s.name, status: s.status },
    }));
    void (map?.getSource('portal-shelters') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features } as never);
  }, [map, props.shelters]);

  return (
    <div className="vg-portal-map" data-testid="portal-map">
      {basemap === undefined ? <Spin className="vg-map-spin" /> : <div ref={container} className="vg-map" />}
      <div className="vg-portal-legend">
        {SEVERITY.map((c) => (
          <span key={c}>
            <span className="vg-portal-dot" style={{ background: COLOUR_HEX[c] }} />
            {t(`portal.colours.${c}`)}
          </span>
        ))}
      </div>
    </div>
  );
}
