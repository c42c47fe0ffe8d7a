import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';

/**
 * Asks for the text a workflow step needs: a required reason (reject, cancel) or an optional note
 * (approve). Labels come from the caller; `testId` prefixes the OK button and the text box
 * (`{testId}-ok`, `{testId}-text`).
 */
export function StepModal(props: {
  open: boolean;
  title: string;
  mode: 'reason' | 'note';
  busy: boolean;
  okText?: string;
  labels: { reason: string; note: string; reasonRequired: string };
  testId: string;
  onOk: (text: string | undefined) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ text?: string }>();
  useEffect(() => {
    if (props.open) form.resetFields();
  }, [props.open, form]);
  const { labels } = props;
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={props.okText}
      confirmLoading={props.busy}
      okButtonProps={{ 'data-testid': `${props.testId}-ok` }}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => props.onOk(v.text?.trim() || undefined)}>
        <Form.Item
          name="text"
          label={props.mode === 'reason' ? labels.reason : labels.note}
          rules={props.mode === 'reason' ? [{ required: true, whitespace: true, message: labels.reasonRequired }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid={`${props.testId}-text`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
