import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FEED_KINDS, type WarningFeedDto } from '@vigil/shared';
import { Form, Input, InputNumber, Modal, Select, Switch, type FormInstance } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/notify';
import { FEED_DEFAULTS, feedFieldErrors, toFeedFormValues, toFeedInput, type FeedFormValues } from './feed-form';
import { createFeed, FEEDS_KEY, updateFeed } from './warnings.api';

/** Adds or edits an external feed: name, URL, CAP or Atom, poll interval (minutes), enabled. */
export function FeedFormModal(props: { open: boolean; feed: WarningFeedDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<FeedFormValues>();
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(props.feed ? toFeedFormValues(props.feed) : FEED_DEFAULTS);
  }, [props.open, props.feed, form]);
  const save = useMutation({
    mutationFn: (v: FeedFormValues) => (props.feed ? updateFeed(props.feed.id, toFeedInput(v)) : createFeed(toFeedInput(v))),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: FEEDS_KEY });
      props.onClose();
    },
    onError: (e) => {
      const fields = feedFieldErrors(e);
      if (fields.length) (form as FormInstance).setFields(fields);
      else notifyError(e);
    },
  });
  return (
    <Modal
      open={props.open}
      title={props.feed ? t('warnings.feeds.edit') : t('warnings.feeds.add')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'feed-save' }}
      forceRender
    >
      <Form<FeedFormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="feed-form">
        <Form.Item
          name="name"
          label={t('warnings.feeds.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={100} data-testid="feed-name" />
        </Form.Item>
        <Form.Item name="url" label={t('warnings.feeds.url')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={1000} placeholder="https://" data-testid="feed-url" />
        </Form.Item>
        <Form.Item name="kind" label={t('warnings.feeds.kind')}>
          <Select options={FEED_KINDS.map((k) => ({ value: k, label: t(`warnings.feeds.kinds.${k}`) }))} data-testid="feed-kind" />
        </Form.Item>
        <Form.Item name="intervalMinutes" label={t('warnings.feeds.interval')} extra={t('warnings.feeds.intervalHint')}>
          <InputNumber
            min={1}
            max={1440}
            step={1}
            suffix={t('warnings.feeds.minutes')}
            style={{ width: 160 }}
            data-testid="feed-interval"
          />
        </Form.Item>
        <Form.Item name="enabled" label={t('common.active')} valuePropName="checked">
          <Switch data-testid="feed-enabled" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
