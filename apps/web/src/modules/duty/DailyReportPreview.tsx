import type { DailyReportDto } from '@vigil/shared';
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { GradeTag } from '../incidents/IncidentTags';
import { peopleOf } from './duty-calendar';

const time = (v: string | null) => (v ? formatBeijing(v, false).slice(5) : '—');

/** The daily duty report's sections as the downloads will contain them. */
export function DailyReportPreview({ report: r }: { report: DailyReportDto }) {
  const { t } = useTranslation();
  const section = (key: string, count: number) => (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }} data-testid={`daily-section-${key}`}>
        {t(`duty.daily.${key}`)}（{count}）
      </Typography.Title>
      {count === 0 && <Typography.Text type="secondary">{t('duty.daily.none')}</Typography.Text>}
    </>
  );
  const small = { size: 'small' as const, pagination: false as const, scroll: { x: 700 } };
  return (
    <div data-testid="daily-report-preview">
      <Typography.Text type="secondary">
        {r.org.name} · {r.date} · {t('duty.daily.generatedAt', { at: formatBeijing(r.generatedAt) })}
      </Typography.Text>
      {section('shifts', r.shifts.length)}
      {r.shifts.length > 0 && (
        <Table
          {...small}
          rowKey="id"
          dataSource={r.shifts}
          columns={[
            { title: t('duty.kind'), dataIndex: 'kind', width: 80, render: (k: 'day') => t(`duty.kinds.${k}`) },
            { title: t('duty.time'), key: 'time', width: 200, render: (_, s) => `${time(s.startsAt)} – ${time(s.endsAt)}` },
            {
              title: t('duty.people'),
              key: 'people',
              render: (_, s) =>
                peopleOf(s)
                  .map((p) => p.name)
                  .join('、'),
            },
          ]}
        />
      )}
      {section('incidents', r.incidents.length)}
      {r.incidents.length > 0 && (
        <Table
          {...small}
          rowKey="id"
          dataSource={r.incidents}
          columns={[
            { title: t('incidents.fields.receivedAt'), dataIndex: 'receivedAt', width: 120, render: time },
            { title: t('incidents.fields.title'), key: 'title', render: (_, i) => <Link to={`/incidents/${i.id}`}>{i.title}</Link> },
            { title: t('incidents.fields.grade'), dataIndex: 'grade', width: 130, render: (g: number | null) => <GradeTag grade={g} /> },
            {
              title: t('incidents.casualtiesShort'),
              key: 'c',
              width: 100,
              render: (_, i) => `${i.dead}/${i.missing}/${i.seriouslyInjured}`,
            },
          ]}
        />
      )}
      {section('reports', r.reports.length)}
      {r.reports.length > 0 && (
        <Table
          {...small}
          rowKey={(x) => `${x.incidentId}-${x.kind}-${x.submittedAt ?? ''}-${x.fromOrg}`}
          dataSource={r.reports}
          columns={[
            { title: t('reports.incident'), dataIndex: 'incidentTitle' },
            {
              title: t('reports.kind'),
              dataIndex: 'kind',
              width: 90,
              render: (k: string) => t(`reports.reportKinds.${k}`, { defaultValue: k }),
            },
            { title: t('reports.from'), key: 'route', width: 220, render: (_, x) => `${x.fromOrg} → ${x.toOrg}` },
            { title: t('reports.submittedAt'), dataIndex: 'submittedAt', width: 110, render: time },
            { title: t('reports.receipt'), dataIndex: 'acknowledgedAt', width: 110, render: time },
            {
              title: '',
              dataIndex: 'overdue',
              width: 70,
              render: (o: boolean) => (o ? <Tag color="red">{t('reports.states.overdue')}</Tag> : null),
            },
          ]}
        />
      )}
      {section('instructions', r.instructions.length)}
      {r.instructions.length > 0 && (
        <Table
          {...small}
          rowKey={(x) => `${x.incidentId}-${x.issuedAt}`}
          dataSource={r.instructions}
          columns={[
            { title: t('reports.incident'), dataIndex: 'incidentTitle', width: 200 },
            { title: t('instructions.text'), dataIndex: 'text' },
            { title: t('instructions.author'), dataIndex: 'author', width: 90 },
            { title: t('instructions.open'), dataIndex: 'openTargets', width: 80 },
          ]}
        />
      )}
      {section('handovers', r.handovers.length)}
      {r.handovers.length > 0 && (
        <Table
          {...small}
          rowKey="id"
          dataSource={r.handovers}
          columns={[
            { title: t('duty.changeAt'), key: 'at', width: 120, render: (_, h) => time(h.fromShift.endsAt) },
            { title: t('duty.handedOverBy'), key: 'by', width: 100, render: (_, h) => h.createdBy?.name ?? '—' },
            {
              title: t('duty.countersign'),
              key: 'sign',
              render: (_, h) => (h.countersignedAt ? `${h.countersignedBy?.name ?? ''} ${time(h.countersignedAt)}` : t('duty.unsigned')),
            },
          ]}
        />
      )}
      {section('log', r.log.length)}
      {r.log.length > 0 && (
        <Table
          {...small}
          rowKey="id"
          dataSource={r.log}
          columns={[
            { title: t('duty.logAt'), dataIndex: 'at', width: 110, render: time },
            { title: t('duty.logKind'), dataIndex: 'kind', width: 80, render: (k: string) => t(`duty.logKinds.${k}`, { defaultValue: k }) },
            { title: t('duty.summary'), dataIndex: 'summary' },
          ]}
        />
      )}
      {section('checks', r.checks.length)}
      {r.checks.length > 0 && (
        <Table
          {...small}
          rowKey="id"
          dataSource={r.checks}
          columns={[
            { title: t('duty.sentAt'), dataIndex: 'sentAt', width: 110, render: time },
            { title: t('duty.checkMessage'), dataIndex: 'message' },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 90,
              render: (s: string) => t(`duty.checkStates.${s}`, { defaultValue: s }),
            },
          ]}
        />
      )}
    </div>
  );
}
