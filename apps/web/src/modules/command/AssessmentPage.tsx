import { RecordError, RecordLoading } from '../../ui/RecordStates';
import { ArrowLeftOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ASSESSMENT_DIMENSIONS, type AssessmentDto, type AssessmentEvaluation, type CorrectiveActionDto } from '@vigil/shared';
import { Button, Card, DatePicker, Form, Input, Popconfirm, Rate, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { notifyError, notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import {
  addAction,
  assessmentKey,
  closeAction,
  deleteAction,
  downloadAssessmentPdf,
  updateEvaluation,
  useAssessment,
} from './assessment.api';
import { isVersionConflict } from './command-format';

type StepKey = 'occurrenceToReceipt' | 'receiptToFirstReport' | 'receiptToLaunch' | 'launchToFirstOnSite';

function Measures({ a }: { a: AssessmentDto }) {
  const { t } = useTranslation();
  const m = a.measures;
  const min = (n: number | null) => (n === null ? '—' : t('assessment.minutes', { n }));
  const rows: { key: StepKey; value: number | null }[] = [
    { key: 'occurrenceToReceipt', value: m.occurrenceToReceiptMin },
    { key: 'receiptToFirstReport', value: m.receiptToFirstReportMin },
    { key: 'receiptToLaunch', value: m.receiptToLaunchMin },
    { key: 'launchToFirstOnSite', value: m.launchToFirstOnSiteMin },
  ];
  const pct = (n: number | null) => (n === null ? '—' : `${n}%`);
  return (
    <Card size="small" title={t('assessment.measures')} style={{ marginBottom: 12 }} data-testid="assessment-measures">
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { title: t('assessment.step'), dataIndex: 'key', render: (k: StepKey) => t(`assessment.steps.${k}`) },
          {
            title: t('assessment.duration'),
            dataIndex: 'value',
            render: (v: number | null, r) => <span data-testid={`measure-${r.key}`}>{min(v)}</span>,
          },
        ]}
      />
      <Space wrap style={{ marginTop: 8 }} data-testid="assessment-rates">
        <Tag>{`${t('assessment.tasksTotal')} ${m.tasksTotal}`}</Tag>
        <Tag>{`${t('assessment.tasksDone')} ${m.tasksDone}`}</Tag>
        <Tag color="blue">{`${t('assessment.completionRate')} ${pct(m.completionRate)}`}</Tag>
        <Tag>{`${t('assessment.tasksOverdue')} ${m.tasksOverdue}`}</Tag>
        <Tag color="orange">{`${t('assessment.overdueRate')} ${pct(m.overdueRate)}`}</Tag>
        {m.materials.map((x) => (
          <Tag key={`${x.itemName}-${x.unit}`}>{`${x.itemName} ${x.used}${x.unit}`}</Tag>
        ))}
      </Space>
    </Card>
  );
}

function EvaluationForm({ a }: { a: AssessmentDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<AssessmentEvaluation>();
  const save = useMutation({
    mutationFn: (evaluation: AssessmentEvaluation) => updateEvaluation(a.id, { evaluation, version: a.version }),
    meta: { silent: true },
    onSuccess: (next) => {
      qc.setQueryData(assessmentKey(a.id), next);
      notifySuccess(t('assessment.saved'));
    },
    onError: (e) => {
      if (isVersionConflict(e)) {
        notifyError(new Error(t('assessment.conflict')));
        void qc.invalidateQueries({ queryKey: assessmentKey(a.id) });
      } else notifyError(e);
    },
  });
  return (
    <Card size="small" title={t('assessment.evaluation')} style={{ marginBottom: 12 }} data-testid="assessment-evaluation">
      <Form
        form={form}
        layout="vertical"
        initialValues={a.evaluation}
        disabled={!a.canEdit}
        onFinish={(v) =>
          save.mutate({
            ...v,
            lessons: v.lessons ?? '',
            ...Object.fromEntries(ASSESSMENT_DIMENSIONS.map((d) => [d, { score: v[d]?.score || null, comment: v[d]?.comment ?? '' }])),
          } as AssessmentEvaluation)
        }
      >
        {ASSESSMENT_DIMENSIONS.map((d) => (
          <Space key={d} align="start" wrap data-testid={`evaluation-${d}`}>
            <Form.Item label={t(`assessment.dimensions.${d}`)} name={[d, 'score']}>
              <Rate count={5} />
            </Form.Item>
            <Form.Item label={t('assessment.comment')} name={[d, 'comment']} style={{ minWidth: 360 }}>
              <Input maxLength={2000} />
            </Form.Item>
          </Space>
        ))}
        <Form.Item label={t('assessment.lessons')} name="lessons">
          <Input.TextArea rows={4} maxLength={4000} data-testid="evaluation-lessons" />
        </Form.Item>
        {a.canEdit && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="evaluation-save">
            {t('assessment.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

function Actions({ a }: { a: AssessmentDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: assessmentKey(a.id) });
  const add = useMutation({
    mutationFn: () => addAction(a.id, { title, deadline: deadline ? deadline.toISOString() : null }),
    onSuccess: () => {
      setTitle('');
      setDeadline(null);
      refresh();
    },
  });
  const close = useMutation({ mutationFn: (id: string) => closeAction(a.id, id), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (id: string) => deleteAction(a.id, id), onSuccess: refresh });
  return (
    <Card size="small" title={t('assessment.actions')} style={{ marginBottom: 12 }} data-testid="assessment-actions">
      <Table<CorrectiveActionDto>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={a.actions}
        onRow={(r) => ({ 'data-testid': 'assessment-action', 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('assessment.actionTitle'), dataIndex: 'title' },
          { title: t('assessment.owner'), render: (_v, r) => [r.ownerOrgName, r.ownerUserName].filter(Boolean).join(' / ') || '—' },
          {
            title: t('assessment.deadline'),
            dataIndex: 'deadline',
            render: (v: string | null, r) => (
              <Space>
                {v ? formatBeijing(v) : '—'}
                {r.overdue && <Tag color="error">{t('assessment.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('assessment.status'), dataIndex: 'status', render: (s: 'open' | 'done') => t(`assessment.actionStatuses.${s}`) },
          {
            title: '',
            render: (_v, r) =>
              a.canEdit &&
              r.status === 'open' && (
                <Space>
                  <Button size="small" onClick={() => close.mutate(r.id)} data-testid="action-close">
                    {t('assessment.close')}
                  </Button>
                  <Popconfirm title={t('assessment.remove')} onConfirm={() => remove.mutate(r.id)}>
                    <Button size="small" danger data-testid="action-delete">
                      {t('assessment.remove')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      {a.canEdit && (
        <Space style={{ marginTop: 8 }} wrap>
          <Input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t('assessment.actionTitle')}
            maxLength={500}
            style={{ width: 320 }}
            data-testid="action-title"
          />
          <DatePicker
            showTime
            value={deadline}
            onChange={setDeadline}
            placeholder={t('assessment.deadline')}
            data-testid="action-deadline"
          />
          <Button type="primary" disabled={!title.trim()} loading={add.isPending} onClick={() => add.mutate()} data-testid="action-add">
            {t('assessment.addAction')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

/** 应急评估: measured times and task rates, the evaluation form, corrective actions and the PDF report. */
export default function AssessmentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useAssessment(id);
  if (q.isPending) return <RecordLoading />;
  if (q.isError) return <RecordError error={q.error} testId="assessment-error" />;
  const a = q.data;
  return (
    <div data-testid="assessment-page" data-id={a.id} data-version={a.version}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space>
            <Link to={`/responses/${a.responseId}`} aria-label={t('assessment.back')} data-testid="assessment-back">
              <ArrowLeftOutlined />
            </Link>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {`${a.responseName} · ${t('assessment.openAssessment')}`}
            </Typography.Title>
            <Typography.Text type="secondary">{`${a.incidentTitle} · ${formatBeijing(a.openedAt)}`}</Typography.Text>
          </Space>
          <Button
            icon={<FilePdfOutlined />}
            onClick={() => void downloadAssessmentPdf(a.id, a.responseName).catch(notifyError)}
            data-testid="assessment-pdf"
          >
            {t('assessment.downloadPdf')}
          </Button>
        </Space>
      </Card>
      <Measures a={a} />
      <EvaluationForm key={a.version} a={a} />
      <Actions a={a} />
    </div>
  );
}
