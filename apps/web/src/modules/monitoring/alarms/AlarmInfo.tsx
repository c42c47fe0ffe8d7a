import type { AlarmDto } from '@vigil/shared';
import { Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../../lib/time';
import { AlarmLevelTag, AlarmStatusTag } from './AlarmTags';
import { formatValue } from './alarm-format';

/** What the alarm is: where, which device and point, the value against the limit, and its state. */
export function AlarmInfo({ a }: { a: AlarmDto }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="alarm-info">
      <Descriptions.Item label={t('alarms.fields.level')}>
        <AlarmLevelTag level={a.level} />
      </Descriptions.Item>
      <Descriptions.Item label={t('common.status')}>
        <AlarmStatusTag status={a.status} /> {a.falseAlarm && <Tag>{t('alarms.falseAlarm')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.message')} span={2}>
        {a.message}
      </Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.value')}>{formatValue(a.value, a.unit)}</Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.threshold')}>{formatValue(a.threshold, a.unit)}</Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.device')}>
        {a.deviceName} <Typography.Text type="secondary">{a.deviceCode}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.point')}>{a.pointName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.deviceType')}>{a.deviceTypeName ?? a.deviceTypeCode}</Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.rule')}>{a.ruleName}</Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.enterprise')}>{a.enterpriseName ?? a.orgName}</Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.county')}>{a.countyName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.firstAt')}>{formatBeijing(a.firstAt)}</Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.lastAt')}>{formatBeijing(a.lastAt)}</Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.occurrences')}>{a.occurrences}</Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.escalationStep')}>
        {a.escalationStep}
        {a.nextEscalationAt && (
          <Typography.Text type="secondary">
            {' '}
            · {t('alarms.nextEscalation', { at: formatBeijing(a.nextEscalationAt, false) })}
          </Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.acknowledged')}>
        {a.acknowledgedAt ? `${a.acknowledgedBy ?? ''} ${formatBeijing(a.acknowledgedAt, false)}` : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('alarms.fields.assignee')}>{a.assigneeName ?? '—'}</Descriptions.Item>
      {a.incidentId && (
        <Descriptions.Item label={t('alarms.fields.incident')} span={2}>
          <Link to={`/incidents/${a.incidentId}`} data-testid="alarm-incident-link">
            {t('alarms.openIncident')}
          </Link>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
