import { RecordError, RecordLoading } from '../../ui/RecordStates';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { WsEvent } from '@vigil/shared';
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { useRealtime } from '../../lib/useRealtime';
import { IncidentResponsesPanel } from '../command';
import { ConsultPanel } from '../consult';
import { PlanMatchPanel } from '../plans';
import { InstructionsPanel } from '../reporting/InstructionsPanel';
import { ReportChain } from '../reporting/ReportChain';
import { INSTRUCTIONS_KEY, REPORTS_KEY } from '../reporting/reporting.api';
import { AttachmentsPanel } from './AttachmentsPanel';
import { IncidentActions } from './IncidentActions';
import { IncidentEditModal } from './IncidentEditModal';
import { IncidentInfo } from './IncidentInfo';
import { GradeTag, StatusTag } from './IncidentTags';
import { IncidentTimeline } from './IncidentTimeline';
import { fetchIncident, incidentKey, INCIDENTS_KEY } from './incidents.api';

const aboutThis = (id: string) => (e: WsEvent) => (e.payload as { incidentId?: unknown } | null)?.incidentId === id;

/** 事件详情: grade and status with the allowed actions, the facts, attachments, report chain, instructions, timeline. */
export default function IncidentDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: incidentKey(id), queryFn: () => fetchIncident(id), meta: { silent: true } });
  const mine = aboutThis(id);

  useRealtime('incidents', (e) => {
    if (mine(e)) void qc.invalidateQueries({ queryKey: INCIDENTS_KEY });
  });
  useRealtime('reports', (e) => {
    if (!mine(e)) return;
    void qc.invalidateQueries({ queryKey: REPORTS_KEY });
    void qc.invalidateQueries({ queryKey: [...INCIDENTS_KEY, 'timeline', id] });
  });
  useRealtime('instructions', (e) => {
    if (!mine(e)) return;
    void qc.invalidateQueries({ queryKey: INSTRUCTIONS_KEY });
    void qc.invalidateQueries({ queryKey: [...INCIDENTS_KEY, 'timeline', id] });
  });

  if (q.isPending) return <RecordLoading />;
  if (q.isError) return <RecordError error={q.error} back={{ to: '/incidents', label: t('incidents.backToList') }} />;
  const i = q.data;
  const ab = i.abilities;

  return (
    <div data-testid="incident-detail" data-id={i.id}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
          <Space wrap align="center">
            <Link to="/incidents" aria-label={t('incidents.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="incident-detail-title">
              {i.title}
            </Typography.Title>
            <GradeTag grade={i.grade} override={i.gradeSource === 'override'} reason={i.gradeReason} testId="incident-grade" />
            <StatusTag status={i.status} testId="incident-status" />
            {i.hasDuplicateHint && <Tag color="gold">{t('incidents.duplicateShort')}</Tag>}
            {i.isDemo && <Tag color="orange">{t('app.demo')}</Tag>}
            <Typography.Text type="secondary">
              {i.orgName} · {t('incidents.fields.receivedAt')} {formatBeijing(i.receivedAt, false)}
            </Typography.Text>
          </Space>
          <IncidentActions incident={i} onEdit={() => setEditing(true)} mergeTarget={search.get('merge')} />
        </div>
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={13}>
          <Card size="small" title={t('incidents.sections.basic')} style={{ marginBottom: 12 }}>
            <IncidentInfo incident={i} />
          </Card>
          <Card size="small" title={t('incidents.sections.attachments')} style={{ marginBottom: 12 }}>
            <AttachmentsPanel incidentId={i.id} mayAttach={!!ab?.attach} />
          </Card>
          <Card size="small" title={t('incidents.sections.timeline')} style={{ marginBottom: 12 }}>
            <IncidentTimeline incidentId={i.id} />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <ReportChain incident={i} />
          <InstructionsPanel incident={i} />
          <PlanMatchPanel incidentId={i.id} />
          <IncidentResponsesPanel incidentId={i.id} />
          <ConsultPanel incidentId={i.id} />
        </Col>
      </Row>
      {ab?.update && <IncidentEditModal incident={i} open={editing} onClose={() => setEditing(false)} />}
    </div>
  );
}
