import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResourceDto } from '@vigil/shared';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { archiveResource, RESOURCES_KEY } from './resources.api';

/** Archives a record with a reason (it leaves the lists and the map; it can be restored). */
export function ArchiveModal(props: { record: ResourceDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const run = useMutation({
    mutationFn: (v: { reason: string }) => archiveResource(props.record.kind, props.record.id, v.reason.trim()),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('resources.archivedOk'));
      await qc.invalidateQueries({ queryKey: RESOURCES_KEY });
      props.onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Modal
      open={props.open}
      title={t('resources.archiveTitle', { name: props.record.name })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true, 'data-testid': 'resource-archive-confirm' }}
      okText={t('resources.archive')}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)} preserve={false}>
        <Form.Item
          name="reason"
          label={t('resources.archiveReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={3} maxLength={300} showCount data-testid="resource-archive-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
