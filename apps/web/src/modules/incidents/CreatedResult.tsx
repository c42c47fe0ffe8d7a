import { CheckCircleOutlined } from '@ant-design/icons';
import type { IncidentDto } from '@vigil/shared';
import { Alert, Button, Card, Descriptions, List, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { GradeTag } from './IncidentTags';

/** After saving: the computed grade, any duplicate candidates (with a link to merge) and failed uploads. */
export function CreatedResult(props: { incident: IncidentDto; failedUploads: string[]; onAnother: () => void }) {
  const { t } = useTranslation();
  const i = props.incident;
  const candidates = i.duplicateCandidates ?? [];
  return (
    <Card data-testid="incident-result">
      <Result
        icon={<CheckCircleOutlined />}
        status="success"
        title={t('incidents.created', { title: i.title })}
        subTitle={
          <Space>
            <span>{t('incidents.computedGrade')}</span>
            <GradeTag grade={i.grade} testId="incident-grade" />
          </Space>
        }
        extra={[
          <Link key="open" to={`/incidents/${i.id}`} data-testid="incident-open">
            <Button type="primary">{t('incidents.openDetail')}</Button>
          </Link>,
          <Button key="again" onClick={props.onAnother} data-testid="incident-another">
            {t('incidents.recordAnother')}
          </Button>,
        ]}
      />
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('incidents.fields.eventType')}>{i.eventTypeName}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.county')}>{i.countyName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.fields.receivedAt')}>{formatBeijing(i.receivedAt)}</Descriptions.Item>
      </Descriptions>
      {i.outOfJurisdiction && <Alert type="warning" showIcon title={t('incidents.outsideWarning')} style={{ marginTop: 12 }} />}
      {props.failedUploads.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('incidents.uploadsFailed', { names: props.failedUploads.join('、') })}
          data-testid="incident-upload-failed"
        />
      )}
      {candidates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('incidents.duplicatesFound', { count: candidates.length })}
          data-testid="incident-duplicates"
          description={
            <List
              size="small"
              dataSource={candidates}
              renderItem={(c) => (
                <List.Item
                  data-testid="incident-duplicate"
                  actions={[
                    <Link key="merge" to={`/incidents/${i.id}?merge=${c.id}`} data-testid="incident-merge-link">
                      {t('incidents.mergeInto')}
                    </Link>,
                  ]}
                >
                  <Space wrap>
                    <Link to={`/incidents/${c.id}`}>{c.title}</Link>
                    <Typography.Text type="secondary">
                      {c.orgName} · {formatBeijing(c.receivedAt, false)}
                      {c.distanceM !== null ? ` · ${t('incidents.distance', { m: c.distanceM })}` : ''}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          }
        />
      )}
    </Card>
  );
}
