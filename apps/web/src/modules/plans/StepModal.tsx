import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks for the text a workflow step needs: a required reason (reject) or an optional note (approve). */
export function StepModal(props: {
  open: boolean;
  title: string;
  mode: 'reason' | 'note';
  busy: boolean;
  okText?: string;
  onOk: (text: string | undefined) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text?: string }>();
  useEffect(() => {
    if (props.open) form.resetFields();
  }, [props.open, form]);
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={props.okText}
      confirmLoading={props.busy}
      okButtonProps={{ 'data-testid': 'plan-step-ok' }}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => props.onOk(v.text?.trim() || undefined)}>
        <Form.Item
          name="text"
          label={props.mode === 'reason' ? t('plans.reason') : t('plans.note')}
          rules={props.mode === 'reason' ? [{ required: true, whitespace: true, message: t('plans.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="plan-step-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
