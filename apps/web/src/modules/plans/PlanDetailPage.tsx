import { RecordError, RecordLoading } from '../../ui/RecordStates';
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { notifyError } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { useRealtime } from '../../lib/useRealtime';
import { exportPlan, PLANS_KEY, usePlan } from './plans.api';
import { PlanActions } from './PlanActions';
import { PlanLevelsView } from './PlanLevelsView';
import { PlanStatusTag } from './PlanTags';
import { PlanVersions } from './PlanVersions';

/** 预案详情: the plan's fields and levels, the workflow buttons, exports and the versions to compare. */
export default function PlanDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const q = usePlan(id);
  useRealtime('plans', (e) => {
    const p = e.payload as { planId?: unknown; seriesId?: unknown } | null;
    if (p?.planId === id || (q.data && p?.seriesId === q.data.seriesId)) void qc.invalidateQueries({ queryKey: PLANS_KEY });
  });

  if (q.isPending) return <RecordLoading />;
  if (q.isError) return <RecordError error={q.error} back={{ to: '/plans', label: t('plans.backToList') }} />;
  const p = q.data;
  const when = (v: string | null) => (v ? formatBeijing(v, false) : '—');

  return (
    <div data-testid="plan-detail" data-id={p.id} data-status={p.status}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
          <Space wrap align="center">
            <Link to="/plans" aria-label={t('plans.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="plan-name-text">
              {p.name}
            </Typography.Title>
            <Tag>{t('plans.versionN', { n: p.versionNo })}</Tag>
            <PlanStatusTag status={p.status} testId="plan-status" />
            <Typography.Text type="secondary">
              {p.orgName} · {t('plans.fields.updatedAt')} {formatBeijing(p.updatedAt, false)}
            </Typography.Text>
          </Space>
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => exportPlan(p, 'json').catch(notifyError)} data-testid="plan-export-json">
              {t('plans.exportJson')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => exportPlan(p, 'xlsx').catch(notifyError)} data-testid="plan-export-xlsx">
              {t('plans.exportExcel')}
            </Button>
            <PlanActions plan={p} />
          </Space>
        </div>
      </Card>
      {p.status === 'draft' && p.rejectReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('plans.rejected', { reason: p.rejectReason })}
          data-testid="plan-rejected"
        />
      )}
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('plans.sections.basic')} style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label={t('plans.fields.org')}>{p.orgName}</Descriptions.Item>
              <Descriptions.Item label={t('plans.fields.level')}>{t(`plans.planLevels.${p.level}`)}</Descriptions.Item>
              <Descriptions.Item label={t('plans.fields.type')}>{t(`plans.planTypes.${p.type}`)}</Descriptions.Item>
              <Descriptions.Item label={t('plans.fields.eventCodes')}>
                <Space size={2} wrap>
                  {p.eventCodes.map((c) => (
                    <Tag key={c}>{c}</Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('plans.fields.summary')} span={2}>
                {p.summary ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.summary}</Typography.Paragraph>
                ) : (
                  <Typography.Text type="secondary">{t('plans.noSummary')}</Typography.Text>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('plans.sections.levels')} style={{ marginBottom: 12 }}>
            <PlanLevelsView levels={p.levels} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('plans.sections.workflow')} style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('plans.fields.createdBy')}>{p.createdBy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('plans.fields.approvedBy')}>{p.approvedBy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('plans.fields.approvedAt')}>{when(p.approvedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('plans.fields.activatedAt')}>{when(p.activatedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('plans.fields.retiredAt')}>{when(p.retiredAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('plans.sections.versions')} style={{ marginBottom: 12 }}>
            <PlanVersions plan={p} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
