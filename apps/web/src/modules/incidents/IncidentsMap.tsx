import { useQuery } from '@tanstack/react-query';
import { Spin, Typography } from 'antd';
import type { GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useClientConfig } from '../../lib/client-config';
import { fetchBoundaries } from '../../map/map.api';
import { useBoundaries, useMapInstance } from '../../map/useOneMap';
import { GRADE_COLORS, UNGRADED_COLOR } from './incident-format';
import type { IncidentFeatureCollection } from './incidents.api';
import '../../map/map.css';
import './incidents.css';

const EMPTY: IncidentFeatureCollection = { type: 'FeatureCollection', truncated: false, features: [] };

/** Incident points on the offline map, coloured by grade (I red, II orange, III yellow, IV blue); a click opens the incident. */
export function IncidentsMap(props: { data: IncidentFeatureCollection | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const config = useClientConfig();
  const container = useRef<HTMLDivElement | null>(null);
  const city = useQuery({ queryKey: ['boundaries', 'city'], queryFn: () => fetchBoundaries('city'), staleTime: Infinity });
  const counties = useQuery({ queryKey: ['boundaries', 'county'], queryFn: () => fetchBoundaries('county'), staleTime: Infinity });
  const basemap = config.isPending ? undefined : (config.data?.basemap ?? null);
  const map = useMapInstance(container, basemap, { onCounty: () => undefined, onClick: () => undefined });
  useBoundaries(map, city.data, counties.data, () => undefined);
  const navRef = useRef(navigate);
  useEffect(() => {
    navRef.current = navigate;
  });

  useEffect(() => {
    if (!map) return;
    map.addSource('incidents', { type: 'geojson', data: EMPTY as never, promoteId: 'id' });
    map.addLayer({
      id: 'incident-points',
      type: 'circle',
      source: 'incidents',
      paint: {
        'circle-radius': ['match', ['get', 'grade'], 1, 10, 2, 9, 3, 8, 7],
        'circle-color': [
          'match',
          ['get', 'grade'],
          1,
          GRADE_COLORS[1]!,
          2,
          GRADE_COLORS[2]!,
          3,
          GRADE_COLORS[3]!,
          4,
          GRADE_COLORS[4]!,
          UNGRADED_COLOR,
        ],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
        'circle-opacity': ['match', ['get', 'status'], ['closed', 'merged', 'false_report'], 0.45, 0.95],
      },
    });
    const open = (e: MapLayerMouseEvent) => {
      const id = e.features?.[0]?.properties?.id as string | undefined;
      if (id) void navRef.current(`/incidents/${id}`);
    };
    const enter = () => (map.getCanvas().style.cursor = 'pointer');
    const leave = () => (map.getCanvas().style.cursor = '');
    map.on('click', 'incident-points', open);
    map.on('mouseenter', 'incident-points', enter);
    map.on('mouseleave', 'incident-points', leave);
    return () => {
      map.off('click', 'incident-points', open);
      map.off('mouseenter', 'incident-points', enter);
      map.off('mouseleave', 'incident-points', leave);
      // The layer and source go with the map itself (a new map instance gets them again).
    };
  }, [map]);

  useEffect(() => {
    void (map?.getSource('incidents') as GeoJSONSource | undefined)?.setData((props.data ?? EMPTY) as never);
  }, [map, props.data]);

  return (
    <div className="vg-incidents-map" data-testid="incidents-map">
      {basemap === undefined ? <Spin className="vg-map-spin" /> : <div ref={container} className="vg-map" />}
      {props.loading && <Spin size="small" style={{ position: 'absolute', top: 8, right: 8, zIndex: 3 }} />}
      <div className="vg-incidents-legend">
        {[1, 2, 3, 4].map((g) => (
          <span key={g}>
            <span className="vg-grade-dot" style={{ background: GRADE_COLORS[g] }} />
            {t(`incidents.grades.g${g}`)}
          </span>
        ))}
        {props.data?.truncated && (
          <Typography.Text type="warning" style={{ display: 'block' }}>
            {t('incidents.mapTruncated')}
          </Typography.Text>
        )}
      </div>
    </div>
  );
}
