import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Spin, Typography } from 'antd';
import type { GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientConfig } from '../../../lib/client-config';
import { useRealtime } from '../../../lib/useRealtime';
import { fetchBoundaries } from '../../../map/map.api';
import { useBoundaries, useMapInstance } from '../../../map/useOneMap';
import { DEVICE_STATE_COLORS } from '../alarms/alarm-format';
import { fetchDashboardDevices } from '../alarms/alarms.api';
import { deviceFeatures } from './device-features';
import '../../../map/map.css';
import './monitoring.css';

const DEVICES_KEY = ['monitoring', 'dashboard', 'devices'] as const;
const STATES = ['red', 'orange', 'yellow', 'blue', 'offline', 'ok'] as const;

/** Devices on the offline map coloured by state (worst open alarm, offline, reporting); a click selects one. */
export function DashboardMap(props: { onDevice: (id: string, name: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const config = useClientConfig();
  const container = useRef<HTMLDivElement | null>(null);
  const city = useQuery({ queryKey: ['boundaries', 'city'], queryFn: () => fetchBoundaries('city'), staleTime: Infinity });
  const counties = useQuery({ queryKey: ['boundaries', 'county'], queryFn: () => fetchBoundaries('county'), staleTime: Infinity });
  const devices = useQuery({ queryKey: DEVICES_KEY, queryFn: fetchDashboardDevices, refetchInterval: 60_000 });
  const basemap = config.isPending ? undefined : (config.data?.basemap ?? null);
  const map = useMapInstance(container, basemap, { onCounty: () => undefined, onClick: () => undefined });
  useBoundaries(map, city.data, counties.data, () => undefined);
  const onDevice = useRef(props.onDevice);
  useEffect(() => {
    onDevice.current = props.onDevice;
  });

  // Alarm events recolour devices; a burst refreshes once.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRealtime('alarms', () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void qc.invalidateQueries({ queryKey: DEVICES_KEY });
    }, 1000);
  });
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);

  useEffect(() => {
    if (!map) return;
    map.addSource('mon-devices', { type: 'geojson', data: deviceFeatures([]) as never, promoteId: 'id' });
    map.addLayer({
      id: 'mon-device-points',
      type: 'circle',
      source: 'mon-devices',
      layout: { 'circle-sort-key': ['get', 'order'] },
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['get', 'order'], 0, 4, 2, 6, 5, 9],
        'circle-color': ['match', ['get', 'state'], ...STATES.flatMap((s) => [s, DEVICE_STATE_COLORS[s]]), '#999999'] as never,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    });
    const pick = (e: MapLayerMouseEvent) => {
      const p = e.features?.[0]?.properties as { id?: string; name?: string } | undefined;
      if (p?.id) onDevice.current(p.id, p.name ?? '');
    };
    const enter = () => (map.getCanvas().style.cursor = 'pointer');
    const leave = () => (map.getCanvas().style.cursor = '');
    map.on('click', 'mon-device-points', pick);
    map.on('mouseenter', 'mon-device-points', enter);
    map.on('mouseleave', 'mon-device-points', leave);
    return () => {
      map.off('click', 'mon-device-points', pick);
      map.off('mouseenter', 'mon-device-points', enter);
      map.off('mouseleave', 'mon-device-points', leave);
    };
  }, [map]);

  useEffect(() => {
    void (map?.getSource('mon-devices') as GeoJSONSource | undefined)?.setData(deviceFeatures(devices.data?.items ?? []) as never);
  }, [map, devices.data]);

  return (
    <div className="vg-mon-map" data-testid="dashboard-map" data-devices={devices.data?.items.length ?? 0}>
      {basemap === undefined ? <Spin className="vg-map-spin" /> : <div ref={container} className="vg-map" />}
      <div className="vg-mon-legend">
        {STATES.map((s) => (
          <span key={s}>
            <span className="vg-mon-dot" style={{ background: DEVICE_STATE_COLORS[s] }} />
            {t(`monDashboard.states.${s}`)}
          </span>
        ))}
        {devices.data?.truncated && (
          <Typography.Text type="warning" style={{ display: 'block' }}>
            {t('monDashboard.mapTruncated', { shown: devices.data.items.length, total: devices.data.total })}
          </Typography.Text>
        )}
      </div>
    </div>
  );
}
