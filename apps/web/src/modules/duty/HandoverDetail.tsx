import type { HandoverDto } from '@vigil/shared';
import { Descriptions, Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../lib/time';

/** A handover: the two shifts, notes, the open items listed at the change, and the countersignature. */
export function HandoverDetail({ handover: h }: { handover: HandoverDto }) {
  const { t } = useTranslation();
  const o = h.openItems;
  const shift = (s: HandoverDto['fromShift']) =>
    `${t(`duty.kinds.${s.kind}`)} ${formatBeijing(s.startsAt, false)} – ${formatBeijing(s.endsAt, false).slice(11)}`;
  return (
    <div data-testid="handover-detail">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('duty.org')}>{h.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('duty.fromShift')}>{shift(h.fromShift)}</Descriptions.Item>
        <Descriptions.Item label={t('duty.toShift')}>{shift(h.toShift)}</Descriptions.Item>
        <Descriptions.Item label={t('duty.handedOverBy')}>
          {h.createdBy?.name ?? '—'} · {formatBeijing(h.createdAt, false)}
        </Descriptions.Item>
        <Descriptions.Item label={t('duty.countersign')}>
          {h.countersignedAt ? (
            <Tag color="green">
              {t('duty.countersignedBy', { who: h.countersignedBy?.name ?? '', at: formatBeijing(h.countersignedAt, false) })}
            </Tag>
          ) : (
            <Tag color={h.overdue ? 'red' : 'orange'} data-testid="handover-unsigned">
              {h.overdue ? t('duty.unsignedOverdue') : t('duty.unsigned')} ·{' '}
              {t('duty.dueBy', { at: formatBeijing(h.countersignDueAt, false) })}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('duty.notes')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{h.notes || '—'}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('duty.openItems')}
      </Typography.Title>
      {o.incidents.length + o.reportsDue.length + o.instructions.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.noOpenItems')} />
      )}
      {o.incidents.length > 0 && (
        <List
          size="small"
          header={t('duty.openIncidents', { count: o.incidents.length })}
          dataSource={o.incidents}
          renderItem={(i) => (
            <List.Item>
              <Link to={`/incidents/${i.id}`}>{i.title}</Link>
              <Typography.Text type="secondary">{formatBeijing(i.receivedAt, false)}</Typography.Text>
            </List.Item>
          )}
        />
      )}
      {o.reportsDue.length > 0 && (
        <List
          size="small"
          header={t('duty.reportsDue', { count: o.reportsDue.length })}
          dataSource={o.reportsDue}
          renderItem={(r) => (
            <List.Item>
              <Link to={`/incidents/${r.incidentId}`}>{r.incidentTitle}</Link>
              <Typography.Text type={r.overdue ? 'danger' : 'secondary'}>
                {t(`reports.deadlineKinds.${r.kind}`, { defaultValue: r.kind })} · {formatBeijing(r.dueAt, false)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      {o.instructions.length > 0 && (
        <List
          size="small"
          header={t('duty.openInstructions', { count: o.instructions.length })}
          dataSource={o.instructions}
          renderItem={(i) => (
            <List.Item>
              <span>
                <Link to={`/incidents/${i.incidentId}`}>{i.incidentTitle}</Link>：{i.text}
              </span>
              {i.dueAt && <Typography.Text type="secondary">{formatBeijing(i.dueAt, false)}</Typography.Text>}
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
