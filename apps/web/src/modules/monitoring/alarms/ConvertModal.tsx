import type { AlarmDto } from '@vigil/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Form, Input, Modal, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { showFormError } from '../../../lib/forms';
import { formatBeijing } from '../../../lib/time';
import { EventTypePicker } from '../../incidents/EventTypePicker';
import { alarmAction, fetchIncidentDraft } from './alarms.api';

interface Values {
  title: string;
  eventType: string;
  description: string;
}

/** 转为事件: the incident prefilled from the alarm, checked and adjusted, then recorded and opened. */
export function ConvertModal(props: { alarm: AlarmDto; open: boolean; onClose: () => void; onDone: (a: AlarmDto) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const draft = useQuery({
    queryKey: ['monitoring', 'alarm-draft', props.alarm.id],
    queryFn: () => fetchIncidentDraft(props.alarm.id),
    enabled: props.open,
  });
  const convert = useMutation({
    mutationFn: (v: Values) => alarmAction(props.alarm.id, 'convert', { version: props.alarm.version, ...v }),
    onSuccess: (a) => {
      props.onDone(a);
      props.onClose();
      if (a.incidentId) void navigate(`/incidents/${a.incidentId}`);
    },
    onError: (err) => showFormError(form, err),
  });
  return (
    <Modal
      open={props.open}
      title={t('alarms.convertTitle')}
      width={720}
      onOk={() => form.submit()}
      okText={t('alarms.actions.convert')}
      okButtonProps={{ 'data-testid': 'convert-ok' }}
      onCancel={props.onClose}
      confirmLoading={convert.isPending}
      destroyOnHidden
      data-testid="convert-modal"
    >
      {!draft.data ? (
        draft.isError ? (
          <Alert type="error" title={t('errors.generic')} />
        ) : (
          <Spin />
        )
      ) : (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('alarms.fields.firstAt')}>{formatBeijing(draft.data.occurredAt)}</Descriptions.Item>
            <Descriptions.Item label={t('alarms.fields.address')}>{draft.data.address ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={(v) => convert.mutate(v)}
            initialValues={{ title: draft.data.title, eventType: draft.data.eventType, description: draft.data.description }}
          >
            <Form.Item
              name="title"
              label={t('alarms.incidentTitle')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input maxLength={200} data-testid="convert-title" />
            </Form.Item>
            <Form.Item name="eventType" label={t('alarms.eventType')} rules={[{ required: true, message: t('common.required') }]}>
              <EventTypePicker />
            </Form.Item>
            <Form.Item name="description" label={t('alarms.description')}>
              <Input.TextArea rows={5} maxLength={5000} data-testid="convert-description" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
