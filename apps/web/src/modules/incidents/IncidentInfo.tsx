import type { IncidentDto } from '@vigil/shared';
import { Alert, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { formatLngLat } from '../../map/map-style';
import { formatYuan } from './incident-format';

/** The incident's recorded facts: type, times, place, reporter, casualties and loss, description. */
export function IncidentInfo({ incident: i }: { incident: IncidentDto }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => v.toLocaleString(i18n.language);
  return (
    <div data-testid="incident-info">
      {i.status === 'merged' && i.mergedIntoId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <span>
              {t('incidents.mergedInto')} <Link to={`/incidents/${i.mergedIntoId}`}>{t('incidents.openMerged')}</Link>
            </span>
          }
        />
      )}
      {i.statusReason && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${t(`incidents.statuses.${i.status}`)}：${i.statusReason}`} />
      )}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('incidents.fields.eventType')}>
          {i.eventTypeName} <Typography.Text type="secondary">({i.eventType})</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.category')}>{i.categoryName}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.occurredAt')}>{formatBeijing(i.occurredAt, false)}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.receivedAt')}>{formatBeijing(i.receivedAt, false)}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.county')}>
          {i.countyName ?? '—'}
          {i.outOfJurisdiction && <Tag style={{ marginLeft: 6 }}>{t('map.outside')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.location')}>
          {i.location ? formatLngLat(i.location.lng, i.location.lat) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.address')} span={2}>
          {i.address ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.source')}>{t(`incidents.sources.${i.source}`)}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.reporter')}>
          {[i.reporterName, i.reporterPhone].filter(Boolean).join(' · ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.dead')}>{n(i.dead)}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.missing')}>{n(i.missing)}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.seriouslyInjured')}>{n(i.seriouslyInjured)}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.lightlyInjured')}>{n(i.lightlyInjured)}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.directLossYuan')}>{formatYuan(i.directLossYuan, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.affected')}>
          {n(i.affected)} / {t('incidents.fields.evacuated')} {n(i.evacuated)}
        </Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.org')}>{i.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.external')}>
          {i.externalSource ? `${i.externalSource} · ${i.externalRef ?? ''}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.description')} span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{i.description ?? '—'}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
