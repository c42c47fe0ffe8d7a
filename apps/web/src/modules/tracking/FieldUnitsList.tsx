import { TRACKER_SUBJECT_ZH, type LiveUnitDto, type LiveUnitsDto } from '@vigil/shared';
import { Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBeijing, relativeTime } from '../../lib/time';
import { STALE_COLOUR, staleAt, UNIT_COLOURS } from './unit-style';

/** The live units beside a map: kind, name, how long ago, stale units tagged; a click selects one. */
export function FieldUnitsList(props: {
  data: LiveUnitsDto | undefined;
  now: number;
  selectedId: string | null;
  onSelect: (u: LiveUnitDto) => void;
  maxHeight?: number | string;
}) {
  const { t, i18n } = useTranslation();
  const items = props.data?.items ?? [];
  if (props.data && items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tracking.noUnits')} />;
  const kindLabel = (u: LiveUnitDto) =>
    i18n.language.startsWith('en') ? t(`tracking.subject.${u.subjectKind}`) : TRACKER_SUBJECT_ZH[u.subjectKind];
  return (
    <List
      size="small"
      style={{ maxHeight: props.maxHeight ?? 360, overflow: 'auto' }}
      dataSource={items}
      renderItem={(u) => {
        const stale = props.data ? staleAt(u, props.now, props.data.staleAfterSeconds) : u.stale;
        return (
          <List.Item
            key={u.trackerId}
            data-testid="field-unit"
            data-tracker={u.trackerId}
            data-stale={stale ? 'true' : 'false'}
            data-lng={u.lng.toFixed(5)}
            data-lat={u.lat.toFixed(5)}
            onClick={() => props.onSelect(u)}
            style={{ cursor: 'pointer', background: u.trackerId === props.selectedId ? '#e6f4ff' : undefined, opacity: stale ? 0.6 : 1 }}
          >
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                borderRadius: 5,
                background: stale ? STALE_COLOUR : UNIT_COLOURS[u.subjectKind],
                marginRight: 8,
              }}
            />
            <div style={{ flex: 1, minWidth: 0 }}>
              <Typography.Text strong ellipsis>
                {u.subjectName}
              </Typography.Text>{' '}
              <Tag>{kindLabel(u)}</Tag>
              {stale && <Tag color="default">{t('tracking.stale')}</Tag>}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} title={formatBeijing(u.at)}>
                  {relativeTime(u.at, new Date(Math.max(props.now, Date.now())), i18n.language)}
                  {u.speedKmh !== null ? ` · ${Math.round(u.speedKmh)} km/h` : ''}
                </Typography.Text>
              </div>
            </div>
          </List.Item>
        );
      }}
    />
  );
}
