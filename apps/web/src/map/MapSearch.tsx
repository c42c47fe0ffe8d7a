import { AimOutlined, EnvironmentOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { MapSearchHit } from '@vigil/shared';
import { AutoComplete, Input, Space, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/notify';
import { parseCoordinateInput, toWgs84 } from './coordinate-input';
import type { Crs } from './map.api';
import { searchMap } from './map.api';
import { formatLngLat } from './map-style';
import { useDebounced } from './useDebounced';

interface Props {
  onHit: (hit: MapSearchHit) => void;
  onCoordinate: (p: { lng: number; lat: number }) => void;
}

const COORD = '__coordinate__';

interface Option {
  value: string;
  label: ReactNode;
  disabled?: boolean;
}

/** The map search: names, external codes and counties from the server; coordinates read here (WGS84 or GCJ-02). */
export function MapSearch({ onHit, onCoordinate }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const coord = useMemo(() => parseCoordinateInput(text), [text]);
  const hits = useQuery({
    queryKey: ['map', 'search', q],
    queryFn: ({ signal }) => searchMap(q, signal),
    enabled: q.length >= 1 && !coord,
    staleTime: 30_000,
    meta: { silent: true },
  });

  const options = useMemo((): Option[] => {
    if (coord?.kind === 'outside')
      return [{ value: '__outside__', disabled: true, label: <Typography.Text type="danger">{t('map.search.outside')}</Typography.Text> }];
    if (coord) {
      // One option per datum: the same typed numbers read as WGS84 or as GCJ-02 (Amap/Tencent).
      return (['wgs84', 'gcj02'] as const).map((crs) => {
        const w = toWgs84(coord.lng, coord.lat, crs);
        return {
          value: `${COORD}${crs}`,
          label: (
            <Space data-testid={crs === 'wgs84' ? 'search-coordinate' : 'search-coordinate-gcj02'}>
              <AimOutlined />
              <span>{formatLngLat(w.lng, w.lat)}</span>
              <Typography.Text type="secondary">{crs === 'wgs84' ? 'WGS84' : t('map.search.fromGcj')}</Typography.Text>
              {coord.swapped && <Typography.Text type="warning">{t('map.search.swapped')}</Typography.Text>}
            </Space>
          ),
        };
      });
    }
    if (hits.error)
      return [{ value: '__error__', disabled: true, label: <Typography.Text type="danger">{errorText(hits.error)}</Typography.Text> }];
    if (hits.data?.length === 0 && !hits.isFetching) return [{ value: '__none__', disabled: true, label: t('map.search.none') }];
    return (hits.data ?? []).map((h, i) => ({
      value: String(i),
      label: (
        <div data-testid="search-hit">
          <Space size={6}>
            <EnvironmentOutlined />
            <span>{h.title}</span>
            <Typography.Text type="secondary">{t(`map.search.kinds.${h.kind}`)}</Typography.Text>
          </Space>
          {h.subtitle && (
            <Typography.Text type="secondary" className="vg-search-sub">
              {h.subtitle}
            </Typography.Text>
          )}
        </div>
      ),
    }));
  }, [coord, hits.data, hits.error, hits.isFetching, t]);

  const choose = (value: string) => {
    if (value.startsWith(COORD)) {
      const crs: Crs = value.endsWith('gcj02') ? 'gcj02' : 'wgs84';
      if (coord?.kind === 'point') onCoordinate(toWgs84(coord.lng, coord.lat, crs));
      return;
    }
    const hit = hits.data?.[Number(value)];
    if (hit) {
      setText(hit.title);
      onHit(hit);
    }
  };

  return (
    <div className="vg-map-search">
      <AutoComplete
        value={text}
        options={text.trim() ? options : []}
        onChange={(v: string) => setText(v.startsWith('__') ? text : v)}
        onSelect={choose}
        style={{ width: '100%' }}
        popupMatchSelectWidth={340}
      >
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('map.search.placeholder')}
          data-testid="map-search"
          onPressEnter={() => options[0] && !options[0].disabled && choose(options[0].value)}
        />
      </AutoComplete>
    </div>
  );
}
