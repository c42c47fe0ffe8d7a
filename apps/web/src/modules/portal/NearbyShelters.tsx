import type { PublicShelterDto } from '@vigil/shared';
import { EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoundaryCollection } from '../../map/map.api';
import { formatDistance } from './portal-format';

/** Where the shelters are searched around, and how that point was chosen. */
export interface Origin {
  lng: number;
  lat: number;
  source: 'gps' | 'county' | 'map';
  /** The county when chosen from the list. */
  code?: string;
  name?: string;
}

function ShelterItem({ s }: { s: PublicShelterDto }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="vg-portal-shelter" data-testid="portal-shelter" data-status={s.status}>
      <div className="vg-portal-shelter-top">
        <span className="vg-portal-shelter-name">{s.name}</span>
        <span className="vg-portal-distance">{formatDistance(s.distanceM, i18n.language === 'en' ? 'en' : 'zh-CN')}</span>
      </div>
      <div className="vg-portal-muted">{s.address ?? t('portal.shelters.noAddress')}</div>
      <div className="vg-portal-muted">
        <span className={`vg-portal-status is-${s.status}`}>{t(`portal.shelters.statuses.${s.status}`)}</span>
        {s.capacity !== null && <> · {t('portal.shelters.capacity', { count: s.capacity })}</>}
      </div>
    </li>
  );
}

/**
 * 附近避难场所: the person's position (browser geolocation), or — when that is refused or
 * unavailable — a county's centre or a point clicked on the map; the nearest open shelters first.
 */
export function NearbyShelters(props: {
  origin: Origin | null;
  onOrigin: (o: Origin) => void;
  counties: BoundaryCollection | undefined;
  shelters: PublicShelterDto[] | undefined;
  loading: boolean;
  error: string | null;
}) {
  const { t } = useTranslation();
  const [locating, setLocating] = useState(false);
  const [denied, setDenied] = useState(false);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setDenied(true);
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        setDenied(false);
        props.onOrigin({ lng: p.coords.longitude, lat: p.coords.latitude, source: 'gps' });
      },
      () => {
        setLocating(false);
        setDenied(true);
      },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const counties = (props.counties?.features ?? [])
    .map((f) => f.properties)
    .filter((p) => p.labelLng != null && p.labelLat != null)
    .sort((a, b) => a.code.localeCompare(b.code));
  const o = props.origin;
  const near =
    o?.source === 'gps'
      ? t('portal.shelters.nearGps')
      : o?.source === 'county'
        ? t('portal.shelters.nearCounty', { name: o.name ?? '' })
        : o
          ? t('portal.shelters.nearMap')
          : null;

  return (
    <section className="vg-portal-section" data-testid="portal-shelters">
      <h2 className="vg-portal-h2">{t('portal.shelters.title')}</h2>
      <div className="vg-portal-shelter-actions">
        <Button size="large" type="primary" icon={<EnvironmentOutlined />} loading={locating} onClick={locate} data-testid="portal-locate">
          {locating ? t('portal.shelters.locating') : t('portal.shelters.locate')}
        </Button>
        <Select
          size="large"
          className="vg-portal-county"
          data-testid="portal-shelter-county"
          virtual={false}
          placeholder={t('portal.shelters.chooseCounty')}
          value={o?.source === 'county' ? o.code : undefined}
          onChange={(code: string) => {
            const c = counties.find((x) => x.code === code);
            if (c) props.onOrigin({ lng: c.labelLng!, lat: c.labelLat!, source: 'county', code: c.code, name: c.name });
          }}
          options={counties.map((c) => ({ value: c.code, label: c.name }))}
        />
      </div>
      {denied && <Alert type="warning" showIcon message={t('portal.shelters.denied')} className="vg-portal-alert" />}
      <div className="vg-portal-muted">{t('portal.shelters.mapHint')}</div>
      {near && <div className="vg-portal-near">{near}</div>}
      {props.error && <Alert type="error" message={props.error} className="vg-portal-alert" />}
      {props.loading && <Spin />}
      {o && props.shelters && props.shelters.length === 0 && <Empty description={t('portal.shelters.empty')} />}
      {props.shelters && props.shelters.length > 0 && (
        <ol className="vg-portal-shelters" data-testid="portal-shelter-list">
          {props.shelters.map((s) => (
            <ShelterItem key={`${s.name}-${s.lng}-${s.lat}`} s={s} />
          ))}
        </ol>
      )}
    </section>
  );
}
