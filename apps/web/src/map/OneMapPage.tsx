import { useQuery } from '@tanstack/react-query';
import { Alert, Spin } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../app/session';
import { useClientConfig } from '../lib/client-config';
import { errorText } from '../lib/notify';
import { CountyPanel } from './CountyPanel';
import { fetchBoundaries, locate, type BoundaryProps, type Crs } from './map.api';
import { useBoundaries, useMapInstance, useSelectedCounty } from './useOneMap';
import './map.css';

interface Point {
  lng: number;
  lat: number;
  crs: Crs;
}

/** 一张图: Quanzhou's city and county boundaries on an offline map; click a county or a point to inspect it. */
export default function OneMapPage() {
  const { t } = useTranslation();
  const me = useMe();
  const config = useClientConfig();
  const container = useRef<HTMLDivElement | null>(null);
  const [county, setCounty] = useState<BoundaryProps | null>(null);
  const [point, setPoint] = useState<Point | null>(null);
  const mayLocate = can(me.data, 'region.read');

  const city = useQuery({ queryKey: ['boundaries', 'city'], queryFn: () => fetchBoundaries('city'), staleTime: Infinity });
  const counties = useQuery({ queryKey: ['boundaries', 'county'], queryFn: () => fetchBoundaries('county'), staleTime: Infinity });
  const located = useQuery({
    queryKey: ['locate', point],
    queryFn: () => locate(point!.lng, point!.lat, point!.crs),
    enabled: !!point && mayLocate,
    staleTime: Infinity,
  });

  const basemap = config.isPending ? undefined : (config.data?.basemap ?? null);
  const map = useMapInstance(container, basemap, {
    onCounty: setCounty,
    onClick: (lng, lat) => setPoint({ lng, lat, crs: 'wgs84' }),
  });
  useBoundaries(map, city.data, counties.data, setCounty);
  useSelectedCounty(map, county?.code ?? null);

  const goTo = (p: Point) => {
    setPoint(p);
    setCounty(null);
  };
  const failed = city.error ?? counties.error;

  return (
    <div className="vg-map-page" data-testid="one-map">
      {basemap === undefined ? <Spin className="vg-map-spin" /> : <div ref={container} className="vg-map" data-testid="map-canvas" />}
      {(city.isPending || counties.isPending) && <Spin className="vg-map-spin" description={t('map.loading')} />}
      {failed && <Alert className="vg-map-alert" type="error" showIcon title={errorText(failed)} />}
      <CountyPanel
        county={county}
        point={point}
        located={located.data}
        locating={located.isFetching}
        mayLocate={mayLocate}
        onClose={() => setCounty(null)}
        onLocate={goTo}
        map={map}
      />
    </div>
  );
}
