import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export interface NoteValues {
  note?: string;
  assigneeId?: string;
}

/** A small form for an alarm action: an optional (or required) note, and for assignment the person. */
export function NoteModal(props: {
  open: boolean;
  title: string;
  noteRequired?: boolean;
  assignees?: { value: string; label: string }[] | undefined;
  loading: boolean;
  onOk: (v: NoteValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NoteValues>();
  useEffect(() => {
    if (props.open) form.resetFields();
  }, [props.open, form]);
  return (
    <Modal
      open={props.open}
      title={props.title}
      onOk={() => form.submit()}
      onCancel={props.onCancel}
      confirmLoading={props.loading}
      destroyOnHidden
      data-testid="alarm-action-modal"
    >
      <Form form={form} layout="vertical" onFinish={props.onOk}>
        {props.assignees && (
          <Form.Item name="assigneeId" label={t('alarms.fields.assignee')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={props.assignees} data-testid="alarm-assignee" />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={t('alarms.note')}
          rules={props.noteRequired ? [{ required: true, whitespace: true, message: t('common.required') }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="alarm-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
