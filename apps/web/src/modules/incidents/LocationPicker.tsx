import { AimOutlined, CloseOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, InputNumber, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { useClientConfig } from '../../lib/client-config';
import { fetchBoundaries, locate } from '../../map/map.api';
import { useBoundaries, useMapInstance, usePin } from '../../map/useOneMap';
import { convertPoint, fromMap, pointProblem, toWgs84, type Crs, type PointValue } from './location';
import '../../map/map.css';
import './incidents.css';

/**
 * The incident's place: click the offline map, or type coordinates in WGS84 or GCJ-02. The county
 * is looked up as soon as a point is set; a point outside Quanzhou is accepted with a warning.
 * Works as an antd form control (value = `{lng, lat, crs}` or null).
 */
export function LocationPicker(props: { value?: PointValue | null; onChange?: (v: PointValue | null) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const config = useClientConfig();
  const container = useRef<HTMLDivElement | null>(null);
  const value = props.value ?? null;
  const [crs, setCrs] = useState<Crs>(value?.crs ?? 'wgs84');
  const [draft, setDraft] = useState<{ lng: number | null; lat: number | null }>({ lng: value?.lng ?? null, lat: value?.lat ?? null });
  const crsRef = useRef(crs);
  const onChangeRef = useRef(props.onChange);
  useEffect(() => {
    crsRef.current = crs;
    onChangeRef.current = props.onChange;
  });

  useEffect(() => {
    setDraft({ lng: value?.lng ?? null, lat: value?.lat ?? null });
    if (value) setCrs(value.crs);
  }, [value]);

  const city = useQuery({ queryKey: ['boundaries', 'city'], queryFn: () => fetchBoundaries('city'), staleTime: Infinity });
  const counties = useQuery({ queryKey: ['boundaries', 'county'], queryFn: () => fetchBoundaries('county'), staleTime: Infinity });
  const mayLocate = can(me.data, 'region.read');
  // The county is looked up once typing pauses, not for every keystroke of a coordinate.
  const [settled, setSettled] = useState<PointValue | null>(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), 350);
    return () => clearTimeout(timer);
  }, [value]);
  const located = useQuery({
    queryKey: ['locate', settled],
    queryFn: () => locate(settled!.lng, settled!.lat, settled!.crs),
    enabled: !!settled && settled === value && mayLocate && pointProblem(settled.lng, settled.lat) === null,
    staleTime: Infinity,
    meta: { silent: true },
  });

  const basemap = config.isPending ? undefined : (config.data?.basemap ?? null);
  const map = useMapInstance(container, basemap, {
    onCounty: () => undefined,
    onClick: (lng, lat) => onChangeRef.current?.(fromMap(lng, lat, crsRef.current)),
  });
  useBoundaries(map, city.data, counties.data, () => undefined);
  usePin(map, value && pointProblem(value.lng, value.lat) === null ? toWgs84(value) : null);

  const typed = (patch: Partial<typeof draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (next.lng !== null && next.lat !== null) props.onChange?.({ lng: next.lng, lat: next.lat, crs });
  };
  const switchCrs = (c: Crs) => {
    setCrs(c);
    if (value) props.onChange?.(convertPoint(value, c));
  };
  const problem = value ? pointProblem(value.lng, value.lat) : null;
  const pending = !!value && (settled !== value || located.isFetching);
  const r = pending ? undefined : located.data;

  return (
    <div className="vg-location" data-testid="incident-location">
      <div className="vg-location-map">
        {basemap === undefined ? <Spin /> : <div ref={container} className="vg-map" data-testid="incident-map" />}
        <div className="vg-location-hint">
          <AimOutlined /> {t('incidents.mapHint')}
        </div>
      </div>
      <Space wrap style={{ marginTop: 8 }}>
        <Segmented<Crs>
          size="small"
          value={crs}
          onChange={switchCrs}
          options={[
            { value: 'wgs84', label: 'WGS84' },
            { value: 'gcj02', label: t('map.gcj02') },
          ]}
          data-testid="incident-crs"
        />
        <InputNumber
          size="small"
          placeholder={t('map.lng')}
          value={draft.lng}
          step={0.0001}
          onChange={(v) => typed({ lng: typeof v === 'number' ? v : null })}
          style={{ width: 130 }}
          data-testid="incident-lng"
        />
        <InputNumber
          size="small"
          placeholder={t('map.lat')}
          value={draft.lat}
          step={0.0001}
          onChange={(v) => typed({ lat: typeof v === 'number' ? v : null })}
          style={{ width: 130 }}
          data-testid="incident-lat"
        />
        {value && (
          <Button
            size="small"
            type="text"
            icon={<CloseOutlined />}
            onClick={() => props.onChange?.(null)}
            aria-label={t('incidents.clearPoint')}
          />
        )}
      </Space>
      <div style={{ marginTop: 6, minHeight: 24 }} data-testid="incident-county">
        {problem && problem !== 'missing' && <Typography.Text type="danger">{t(`incidents.pointProblems.${problem}`)}</Typography.Text>}
        {!problem && pending && <Spin size="small" />}
        {!problem && r && (
          <Space size={4} wrap>
            <Typography.Text type="secondary">{t('map.county')}:</Typography.Text>
            <Tag color={r.county ? 'blue' : 'default'} data-testid="incident-county-name">
              {r.county ? r.county.name : t('map.noCounty')}
            </Tag>
          </Space>
        )}
      </div>
      {!problem && r && !r.inJurisdiction && (
        <Alert type="warning" showIcon title={t('incidents.outsideWarning')} data-testid="incident-outside" style={{ marginTop: 4 }} />
      )}
    </div>
  );
}
