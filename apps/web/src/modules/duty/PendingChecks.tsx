import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DutyCheckDto } from '@vigil/shared';
import { Alert, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { notifySuccess } from '../../lib/notify';
import { formatCountdown } from '../reporting/deadline';
import { useNow } from '../reporting/useNow';
import { ackCheck, DUTY_KEY, fetchChecks } from './duty.api';

function PendingCheck({ check: c, mayAck }: { check: DutyCheckDto; mayAck: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const now = useNow(1000);
  const left = Date.parse(c.dueAt) - now;
  const ack = useMutation({
    mutationFn: () => ackCheck(c.id),
    onSuccess: async () => {
      notifySuccess(t('duty.checkAnswered'));
      await qc.invalidateQueries({ queryKey: DUTY_KEY });
    },
  });
  return (
    <Alert
      type={left < 0 ? 'error' : 'warning'}
      showIcon
      icon={<BellOutlined />}
      style={{ marginBottom: 8 }}
      data-testid="pending-check"
      data-overdue={left < 0 ? 'true' : 'false'}
      title={
        <Space wrap>
          <Typography.Text strong>{t('duty.checkFrom', { who: c.sentBy.name })}</Typography.Text>
          <span>{c.message}</span>
          <Typography.Text type={left < 0 ? 'danger' : undefined} strong className="vg-countdown" data-testid="check-countdown">
            {left < 0 ? t('reports.overdueBy') : t('reports.remaining')} {formatCountdown(Math.abs(left), i18n.language)}
          </Typography.Text>
        </Space>
      }
      action={
        mayAck && (
          <Button type="primary" size="small" loading={ack.isPending} onClick={() => ack.mutate()} data-testid="check-ack">
            {t('duty.answerCheck')}
          </Button>
        )
      }
    />
  );
}

/** Checks sent to my org that still wait for an answer, each with a live countdown and the answer button. */
export function PendingChecks() {
  const me = useMe();
  const orgId = me.data?.org.id;
  const list = useQuery({
    queryKey: [...DUTY_KEY, 'checks', 'pending', orgId],
    queryFn: () => fetchChecks({ orgId, status: 'pending', limit: 20 }),
    enabled: !!orgId,
    refetchInterval: 60_000,
  });
  const mine = (list.data?.items ?? []).filter((c) => c.orgId === orgId);
  if (mine.length === 0) return null;
  return (
    <div data-testid="pending-checks">
      {mine.map((c) => (
        <PendingCheck key={c.id} check={c} mayAck={can(me.data, 'duty.sign')} />
      ))}
    </div>
  );
}
