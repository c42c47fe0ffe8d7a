import type { LiveUnitDto } from '@vigil/shared';
import { Card, Col, Row, Spin, Tabs, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { useClientConfig } from '../../lib/client-config';
import { fetchBoundaries } from '../../map/map.api';
import { useBoundaries, useMapInstance } from '../../map/useOneMap';
import { PageHeader } from '../../ui/PageHeader';
import { FieldUnitsList } from './FieldUnitsList';
import { RefusalsTab } from './RefusalsTab';
import { TrackersTab } from './TrackersTab';
import { useFieldUnits } from './useFieldUnits';
import '../../map/map.css';

function LiveTab() {
  const { t } = useTranslation();
  const config = useClientConfig();
  const basemap = config.isPending ? undefined : (config.data?.basemap ?? null);
  const container = useRef<HTMLDivElement | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const city = useQuery({ queryKey: ['boundaries', 'city'], queryFn: () => fetchBoundaries('city'), staleTime: Infinity });
  const counties = useQuery({ queryKey: ['boundaries', 'county'], queryFn: () => fetchBoundaries('county'), staleTime: Infinity });
  const map = useMapInstance(container, basemap, { onCounty: () => undefined, onClick: () => undefined });
  useBoundaries(map, city.data, counties.data, () => undefined);
  const { units, track, now } = useFieldUnits(map, { visible: true, selectedId: selected, onSelect: setSelected });
  const pick = (u: LiveUnitDto) => {
    setSelected(u.trackerId);
    map?.easeTo({ center: [u.lng, u.lat], zoom: Math.max(map.getZoom(), 13) });
  };
  return (
    <Row gutter={12}>
      <Col xs={24} lg={7}>
        <Card
          size="small"
          title={t('tracking.units')}
          extra={units.data ? t('tracking.staleAfter', { n: Math.round(units.data.staleAfterSeconds / 60) }) : null}
        >
          <FieldUnitsList data={units.data} now={now} selectedId={selected} onSelect={pick} maxHeight="calc(100vh - 320px)" />
        </Card>
        {selected && track.data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="field-track-info">
            {t('tracking.trackInfo', { n: track.data.points.length })}
          </Typography.Paragraph>
        )}
      </Col>
      <Col xs={24} lg={17}>
        <div style={{ height: 'calc(100vh - 230px)', minHeight: 420 }}>
          {basemap === undefined ? (
            <Spin />
          ) : (
            <div ref={container} className="vg-map" data-testid="tracking-map" style={{ height: '100%' }} />
          )}
        </div>
      </Col>
    </Row>
  );
}

/** 现场力量 `/tracking`: live positions of teams, vehicles and phones on the map with tracks; the trackers; refused reports. */
export default function TrackingPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="tracking-page">
      <PageHeader title={t('tracking.title')} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'live', label: t('tracking.tabLive'), children: <LiveTab /> },
          { key: 'trackers', label: t('tracking.tabTrackers'), children: <TrackersTab /> },
          { key: 'refusals', label: t('tracking.tabRefusals'), children: <RefusalsTab /> },
        ]}
      />
    </div>
  );
}
