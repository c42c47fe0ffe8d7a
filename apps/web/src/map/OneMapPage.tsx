import { useQuery } from '@tanstack/react-query';
import type { FeatureSummary, MapSearchHit, ResourceDto, SpatialQueryInput } from '@vigil/shared';
import { Alert, Spin } from 'antd';
import type { MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { can, useMe } from '../app/session';
import { useClientConfig } from '../lib/client-config';
import { errorText } from '../lib/notify';
import { AroundPanel } from './AroundPanel';
import { CountyPanel } from './CountyPanel';
import { FeaturePopup } from './FeaturePopup';
import { LayerPanel } from './LayerPanel';
import { loadLayerVisibility, saveLayerVisibility } from './layer-visibility';
import { fetchBoundaries, fetchLayers, locate, type BoundaryProps, type Crs } from './map.api';
import { isResourceKind } from './map-keys';
import { MapResourceDrawer } from './MapResourceDrawer';
import { MapSearch } from './MapSearch';
import { MapToolbar, type MapTool } from './MapToolbar';
import { SpatialResults } from './SpatialResults';
import { sketchMeasure, sketchQueryShape, type SketchTool } from './sketch-shape';
import { useMapFocus } from './useMapFocus';
import { useBoundaries, useMapInstance, usePin, useSelectedCounty } from './useOneMap';
import { pickAt, useResourceLayers, type PickedFeature } from './useResourceLayers';
import { useSketch } from './useSketch';
import { WarningsMapLayer } from '../modules/warnings/WarningsMapLayer';
import { FieldUnitsMapLayer } from '../modules/tracking';
import './map.css';

interface Point {
  lng: number;
  lat: number;
  crs: Crs;
}

type Panel = { type: 'spatial'; shape: SpatialQueryInput['shape'] } | { type: 'around'; point: { lng: number; lat: number } } | null;
type Measure = { tool: SketchTool; lengthM: number; areaM2: number | null } | null;

const toPicked = (f: FeatureSummary | ResourceDto): PickedFeature => ({
  layer: 'layer' in f ? f.layer : f.kind,
  id: f.id,
  name: f.name,
  status: f.status,
  typeCode: f.typeCode,
  lng: f.location.lng,
  lat: f.location.lat,
});

/** 一张图: boundaries, resource layers from vector tiles, search, spatial query, measuring and "around here". */
export default function OneMapPage() {
  const { t } = useTranslation();
  const me = useMe();
  const config = useClientConfig();
  const [params] = useSearchParams();
  const container = useRef<HTMLDivElement | null>(null);
  const [county, setCounty] = useState<BoundaryProps | null>(null);
  const [point, setPoint] = useState<Point | null>(null);
  const [visible, setVisible] = useState<Record<string, boolean>>(loadLayerVisibility);
  const [tool, setTool] = useState<MapTool | null>(null);
  const [measure, setMeasure] = useState<Measure>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [picked, setPicked] = useState<PickedFeature | null>(null);
  const [drawer, setDrawer] = useState<PickedFeature | null>(null);
  const [pin, setPin] = useState<{ lng: number; lat: number } | null>(null);
  const mayLocate = can(me.data, 'region.read');

  const city = useQuery({ queryKey: ['boundaries', 'city'], queryFn: () => fetchBoundaries('city'), staleTime: Infinity });
  const counties = useQuery({ queryKey: ['boundaries', 'county'], queryFn: () => fetchBoundaries('county'), staleTime: Infinity });
  const catalogue = useQuery({ queryKey: ['map', 'layers'], queryFn: fetchLayers, staleTime: 60_000 });
  const located = useQuery({
    queryKey: ['locate', point],
    queryFn: () => locate(point!.lng, point!.lat, point!.crs),
    enabled: !!point && mayLocate,
    staleTime: Infinity,
  });
  const layers = catalogue.data;

  // Map event handlers read the latest state through this ref: no re-subscription, no re-render on moves.
  const live = useRef({ tool, layers });
  useEffect(() => {
    live.current = { tool, layers };
  });

  const openAround = (p: { lng: number; lat: number }) => {
    setPanel({ type: 'around', point: p });
    setPin(p);
  };
  const intercept = (e: MapMouseEvent): boolean => {
    const current = live.current.tool;
    if (current === 'around') {
      setTool(null);
      openAround({ lng: e.lngLat.lng, lat: e.lngLat.lat });
      return true;
    }
    if (current) return true; // the sketch handles its own clicks
    const hit = pickAt(e.target, e.point, live.current.layers?.map((l) => l.id) ?? []);
    if (hit?.type === 'cluster') e.target.easeTo({ center: [hit.lng, hit.lat], zoom: Math.min(e.target.getZoom() + 2, 18) });
    else if (hit) setPicked(hit.feature);
    else setPicked(null);
    return hit !== null;
  };

  const basemap = config.isPending ? undefined : (config.data?.basemap ?? null);
  const map = useMapInstance(container, basemap, {
    onCounty: setCounty,
    onClick: (lng, lat) => setPoint({ lng, lat, crs: 'wgs84' }),
    intercept,
    onContextMenu: (lng, lat) => openAround({ lng, lat }),
  });
  useBoundaries(map, city.data, counties.data, setCounty);
  useSelectedCounty(map, county?.code ?? null);
  useResourceLayers(map, layers, visible);
  usePin(map, pin);
  const sketch = useSketch(map, tool && tool !== 'around' ? tool : null, {
    onProgress: (s) => setMeasure({ tool: s.tool, ...sketchMeasure(s) }),
    onFinish: (s) => {
      setTool(null);
      setMeasure({ tool: s.tool, ...sketchMeasure(s) });
      const shape = sketchQueryShape(s);
      if (shape) setPanel({ type: 'spatial', shape });
    },
    onCancel: () => {
      setTool(null);
      setMeasure(null);
    },
  });

  useEffect(() => saveLayerVisibility(visible), [visible]);

  const flyTo = (lng: number, lat: number, zoom = 15) => map?.flyTo({ center: [lng, lat], zoom: Math.max(map.getZoom(), zoom) });
  const open = (f: PickedFeature) => {
    flyTo(f.lng, f.lat);
    setPicked(f);
    if (isResourceKind(f.layer)) setDrawer(f);
  };
  const focus = useMapFocus(params.get('focus'), !!map, (r) => open(toPicked(r)));

  const onHit = (hit: MapSearchHit) => {
    const { lng, lat } = hit.location;
    if (hit.kind === 'resource' || hit.kind === 'incident') {
      if (hit.layer && hit.id) return open({ layer: hit.layer, id: hit.id, name: hit.title, status: '', typeCode: null, lng, lat });
    }
    flyTo(lng, lat, hit.kind === 'region' ? 10 : 15);
    setPin(hit.kind === 'region' ? null : { lng, lat });
  };
  const chooseTool = (next: MapTool | null) => {
    if (next && next !== 'around') {
      sketch.clear();
      setMeasure(null);
    }
    setTool(next);
  };
  const active = (layers ?? []).filter((l) => visible[l.id] !== false).map((l) => l.id);
  const layerOf = (id: string | undefined) => layers?.find((l) => l.id === id);
  const failed = city.error ?? counties.error;

  return (
    <div className="vg-map-page" data-testid="one-map">
      {basemap === undefined ? <Spin className="vg-map-spin" /> : <div ref={container} className="vg-map" data-testid="map-canvas" />}
      {(city.isPending || counties.isPending) && <Spin className="vg-map-spin" description={t('map.loading')} />}
      {failed && <Alert className="vg-map-alert" type="error" showIcon title={errorText(failed)} />}
      {focus.error && <Alert className="vg-map-alert" type="warning" showIcon closable title={t('map.focusFailed')} />}
      <div className="vg-map-left">
        <MapSearch onHit={onHit} onCoordinate={(p) => (flyTo(p.lng, p.lat, 14), setPin(p))} />
        <LayerPanel
          layers={layers}
          loading={catalogue.isPending}
          error={catalogue.error ? errorText(catalogue.error) : null}
          visible={visible}
          onToggle={(id, on) => setVisible((v) => ({ ...v, [id]: on }))}
          onAll={(on) => setVisible(Object.fromEntries((layers ?? []).map((l) => [l.id, on])))}
        />
        <WarningsMapLayer map={map} />
        <FieldUnitsMapLayer map={map} />
      </div>
      <MapToolbar
        tool={tool}
        onTool={chooseTool}
        onClear={() => (sketch.clear(), setMeasure(null), setTool(null), setPanel(null), setPin(null))}
        measure={measure}
        onBasketItem={(i) => open({ layer: i.layer, id: i.id, name: i.name, status: '', typeCode: null, ...i.location })}
      />
      {panel?.type === 'spatial' && layers ? (
        <SpatialResults
          shape={panel.shape}
          layers={layers}
          active={active}
          onPick={(f) => open(toPicked(f))}
          onClose={() => setPanel(null)}
        />
      ) : panel?.type === 'around' && layers ? (
        <AroundPanel point={panel.point} layers={layers} onPick={(f) => open(toPicked(f))} onClose={() => (setPanel(null), setPin(null))} />
      ) : (
        <CountyPanel
          county={county}
          point={point}
          located={located.data}
          locating={located.isFetching}
          mayLocate={mayLocate}
          onClose={() => setCounty(null)}
          onLocate={(p) => (setPoint(p), setCounty(null))}
          map={map}
        />
      )}
      <FeaturePopup
        map={map}
        feature={picked}
        layer={layerOf(picked?.layer)}
        onDetails={setDrawer}
        onAround={(f) => openAround(f)}
        onClose={() => setPicked(null)}
      />
      <MapResourceDrawer
        target={drawer && isResourceKind(drawer.layer) ? { kind: drawer.layer, id: drawer.id } : null}
        layer={layerOf(drawer?.layer)}
        onClose={() => setDrawer(null)}
        onAround={(p) => (setDrawer(null), openAround(p))}
      />
    </div>
  );
}
