import { Form, Input, Modal } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks for a required text (a reason or a feedback note), with optional extra fields above it. */
export function ReasonModal<T extends object = object>(props: {
  open: boolean;
  title: string;
  busy: boolean;
  label?: string;
  requiredMessage?: string;
  okText?: string;
  testId: string;
  initial?: Partial<T>;
  extra?: ReactNode;
  onOk: (text: string, values: T) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<T & { text: string }>();
  const { open } = props;
  // The initial values are read when the dialog opens only, so that a re-render never clears what was typed.
  const initial = useRef(props.initial);
  initial.current = props.initial;
  useEffect(() => {
    if (open) {
      form.resetFields();
      if (initial.current) form.setFieldsValue(initial.current as never);
    }
  }, [open, form]);
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
      destroyOnHidden={false}
    >
      <Form form={form} layout="vertical" onFinish={(v) => props.onOk(v.text.trim(), v)} data-testid={props.testId}>
        {props.extra}
        <Form.Item
          name="text"
          label={props.label ?? t('command.reason')}
          rules={[{ required: true, whitespace: true, message: props.requiredMessage ?? t('command.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid={`${props.testId}-text`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
