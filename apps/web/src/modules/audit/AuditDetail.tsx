import type { AuditEntryDto } from '@vigil/shared';
import { Col, Descriptions, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { prettyJson } from './audit-query';

const pre = {
  margin: 0,
  padding: 8,
  background: '#fafafa',
  border: '1px solid #f0f0f0',
  borderRadius: 4,
  maxHeight: 320,
  overflow: 'auto',
  fontSize: 12,
} as const;

/** The expanded row of an audit entry: request facts and the before/after JSON side by side. */
export function AuditDetail({ entry }: { entry: AuditEntryDto }) {
  const { t } = useTranslation();
  return (
    <div data-testid="audit-detail">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('audit.requestId')}>{entry.requestId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.org')}>{entry.orgId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.userAgent')}>
          <Typography.Text ellipsis style={{ maxWidth: 320 }}>
            {entry.userAgent ?? '—'}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={12}>
        <Col span={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <pre style={pre} data-testid="audit-before">
            {prettyJson(entry.before)}
          </pre>
        </Col>
        <Col span={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <pre style={pre} data-testid="audit-after">
            {prettyJson(entry.after)}
          </pre>
        </Col>
      </Row>
    </div>
  );
}
