import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SUBSCRIBER_CHANNELS, WARNING_COLOURS, type SubscriberDto, type SubscriberSavedDto } from '@vigil/shared';
import { Checkbox, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { QUANZHOU_CODE, useCounties } from '../incidents/incidents.api';
import { createSubscriber, SUBSCRIBERS_KEY, updateSubscriber } from './notify.api';
import { formValuesOf, toCreateBody, toUpdateBody, type SubscriberFormValues } from './subscriber-form';

/** Adds or edits a subscriber; a generated webhook key is handed to `onSaved` (shown once by the page). */
export function SubscriberFormModal(props: {
  open: boolean;
  editing: SubscriberDto | null;
  onClose: () => void;
  onSaved: (r: SubscriberSavedDto) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<SubscriberFormValues>();
  const channel = Form.useWatch('channel', form);
  const counties = useCounties();
  useEffect(() => {
    if (props.open) form.setFieldsValue({ secret: undefined, rotateSecret: false, ...formValuesOf(props.editing) });
  }, [props.open, props.editing, form]);
  const save = useMutation({
    mutationFn: (v: SubscriberFormValues) =>
      props.editing ? updateSubscriber(props.editing.id, toUpdateBody(v, props.editing.version)) : createSubscriber(toCreateBody(v)),
    meta: { silent: true },
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: SUBSCRIBERS_KEY });
      props.onSaved(r);
    },
    onError: (e) => showFormError(form, e),
  });
  const required = [{ required: true, message: t('common.required') }];

  return (
    <Modal
      open={props.open}
      title={props.editing ? t('notify.subscribers.edit') : t('notify.subscribers.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={560}
      forceRender
    >
      <Form<SubscriberFormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="subscriber-form">
        <Form.Item name="name" label={t('notify.subscribers.name')} rules={required}>
          <Input maxLength={100} data-testid="subscriber-name" />
        </Form.Item>
        <Form.Item name="channel" label={t('notify.subscribers.channel')} rules={required}>
          <Select
            options={SUBSCRIBER_CHANNELS.map((c) => ({ value: c, label: t(`notify.channels.${c}`) }))}
            data-testid="subscriber-channel"
          />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('notify.subscribers.address')}
          extra={channel && t(`notify.subscribers.addressHint.${channel}`)}
          rules={required}
        >
          <Input maxLength={500} data-testid="subscriber-address" />
        </Form.Item>
        {channel === 'webhook' && (
          <>
            <Form.Item name="secret" label={t('notify.subscribers.secret')} extra={t('notify.subscribers.secretHint')}>
              <Input.Password maxLength={200} autoComplete="new-password" data-testid="subscriber-secret" />
            </Form.Item>
            {props.editing?.hasSecret && (
              <Form.Item name="rotateSecret" valuePropName="checked">
                <Checkbox data-testid="subscriber-rotate">{t('notify.subscribers.rotateSecret')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="divisionCodes" label={t('notify.subscribers.divisions')} extra={t('notify.subscribers.divisionsHint')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={counties.isPending}
            options={[
              { value: QUANZHOU_CODE, label: t('notify.subscribers.wholeCity') },
              ...(counties.data ?? []).map((c) => ({ value: c.code, label: c.name })),
            ]}
            data-testid="subscriber-divisions"
          />
        </Form.Item>
        <Form.Item name="minColour" label={t('notify.subscribers.minColour')}>
          <Select
            options={[
              { value: null, label: t('notify.subscribers.anyColour') },
              ...WARNING_COLOURS.map((c) => ({ value: c, label: t(`notify.colours.${c}`) })),
            ]}
            data-testid="subscriber-colour"
          />
        </Form.Item>
        <Form.Item name="enabled" label={t('notify.subscribers.enabled')} valuePropName="checked">
          <Switch data-testid="subscriber-enabled" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
