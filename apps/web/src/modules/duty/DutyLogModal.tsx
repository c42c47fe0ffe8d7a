import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DUTY_LOG_KINDS, type CreateDutyLogInput, type DutyLogKind } from '@vigil/shared';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { beijingWallToIso } from '../incidents/incident-format';
import { beijingNow, disabledFuture, type Dayjs } from '../incidents/picker-time';
import { addLogEntry, DUTY_KEY } from './duty.api';
import { IncidentSearchSelect } from './IncidentSearchSelect';

interface Values {
  at?: Dayjs | null;
  kind: DutyLogKind;
  caller?: string;
  callerPhone?: string;
  summary: string;
  incidentId?: string;
}

/** Adds a duty log entry (a call in or out, an event, a notice), optionally linked to an incident. */
export function DutyLogModal(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const input: CreateDutyLogInput = { kind: v.kind, summary: v.summary.trim() };
      if (v.at) input.at = beijingWallToIso(v.at.format('YYYY-MM-DD HH:mm:ss'));
      if (v.caller?.trim()) input.caller = v.caller.trim();
      if (v.callerPhone?.trim()) input.callerPhone = v.callerPhone.trim();
      if (v.incidentId) input.incidentId = v.incidentId;
      return addLogEntry(input);
    },
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: DUTY_KEY });
      props.onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Modal
      open={props.open}
      title={t('duty.addLog')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'call_in', at: beijingNow() }}
        onFinish={(v) => save.mutate(v)}
        data-testid="log-form"
      >
        <Form.Item name="at" label={t('duty.logAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={disabledFuture} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label={t('duty.logKind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={DUTY_LOG_KINDS.map((k) => ({ value: k, label: t(`duty.logKinds.${k}`) }))} data-testid="log-kind" />
        </Form.Item>
        <Form.Item name="caller" label={t('duty.caller')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="callerPhone" label={t('duty.callerPhone')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="summary" label={t('duty.summary')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="log-summary" />
        </Form.Item>
        <Form.Item name="incidentId" label={t('duty.incident')}>
          <IncidentSearchSelect testId="log-incident" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
