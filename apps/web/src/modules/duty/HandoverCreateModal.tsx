import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, List, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { OPEN_STATUSES } from '../incidents/incident-format';
import { fetchIncidents } from '../incidents/incidents.api';
import { createHandover, DUTY_KEY } from './duty.api';
import { nextShiftOf } from './duty-calendar';
import { useMyShifts } from './MyShiftBar';

/**
 * 交班: the outgoing officer hands the current shift to the next one of the org. Open incidents,
 * reports due and instructions are listed by the server at the moment of the handover.
 */
export function HandoverCreateModal(props: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ notes: string }>();
  const { all, mine } = useMyShifts();
  const from = mine.find((m) => Date.parse(m.shift.startsAt) <= Date.now())?.shift ?? mine[0]?.shift;
  const to = from ? nextShiftOf(all, from) : undefined;
  const open = useQuery({
    queryKey: ['incidents', 'handover-preview'],
    queryFn: () => fetchIncidents({ status: OPEN_STATUSES.join(','), limit: 20 }),
    enabled: props.open,
  });
  const save = useMutation({
    mutationFn: (v: { notes: string }) => createHandover({ fromShiftId: from!.id, toShiftId: to!.id, notes: v.notes?.trim() ?? '' }),
    meta: { silent: true },
    onSuccess: async (h) => {
      notifySuccess(t('duty.handedOver'));
      await qc.invalidateQueries({ queryKey: DUTY_KEY });
      props.onCreated(h.id);
    },
    onError: (e) => showFormError(form, e),
  });
  const shift = (s: NonNullable<typeof from>) =>
    `${t(`duty.kinds.${s.kind}`)} ${formatBeijing(s.startsAt, false)} – ${formatBeijing(s.endsAt, false).slice(11)}`;

  return (
    <Modal
      open={props.open}
      title={t('duty.handover')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: !from || !to, 'data-testid': 'handover-submit' }}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      {!from ? (
        <Alert type="warning" showIcon title={t('duty.noCurrentShift')} />
      ) : !to ? (
        <Alert type="warning" showIcon title={t('duty.noNextShift')} />
      ) : (
        <Typography.Paragraph>
          {t('duty.fromShift')}：{shift(from)}
          <br />
          {t('duty.toShift')}：{shift(to)}（{[to.leader?.name, ...to.officers.map((o) => o.name)].filter(Boolean).join('、')}）
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="notes" label={t('duty.notes')}>
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="handover-notes" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('duty.autoItemsHint')}</Typography.Text>
      <List
        size="small"
        loading={open.isPending}
        header={t('duty.openIncidents', { count: open.data?.total ?? 0 })}
        dataSource={open.data?.items ?? []}
        renderItem={(i) => (
          <List.Item>
            {i.title}
            <Typography.Text type="secondary">{formatBeijing(i.receivedAt, false)}</Typography.Text>
          </List.Item>
        )}
      />
    </Modal>
  );
}
