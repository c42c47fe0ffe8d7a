import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ASSIGNEE_KINDS, type AssigneeKind, type TaskDto } from '@vigil/shared';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, toFormErrors } from '../../lib/api-error';
import { notifyError, notifySuccess } from '../../lib/notify';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { fetchResources, RESOURCES_KEY } from '../resources/resources.api';
import { isVersionConflict, taskBody, type TaskFormValues } from './command-format';
import { COMMAND_KEY, createTask, updateTask } from './command.api';
import { UserSelect } from './UserSelect';

function TeamSelect(props: { value?: string; onChange?: (v: string | undefined) => void }) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: [...RESOURCES_KEY, 'team', 'pick', q],
    queryFn: () => fetchResources('team', { q: q || undefined, limit: 20, sort: 'name', order: 'asc' }),
    staleTime: 30_000,
    meta: { silent: true },
  });
  return (
    <Select
      value={props.value}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      options={(list.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.orgName}）` }))}
      showSearch={{ onSearch: setQ, filterOption: false }}
      loading={list.isFetching}
      allowClear
      style={{ width: '100%' }}
      data-testid="task-create-team"
    />
  );
}

type Values = Omit<TaskFormValues, 'deadline'> & { deadline?: Dayjs | null };

/**
 * 下达任务: an ad-hoc task with an optional assignee (org, rescue team or person) and deadline.
 * With `reassign` (a rejected task), 重新指派: only a new assignee, sent with the version last seen.
 */
export function TaskCreateModal({
  responseId,
  open,
  onClose,
  reassign,
}: {
  responseId: string;
  open: boolean;
  onClose: () => void;
  reassign?: TaskDto;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('assigneeKind', form) as AssigneeKind | undefined;
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const create = useMutation({
    mutationFn: (v: Values) => {
      if (!reassign) return createTask(responseId, taskBody({ ...v, deadline: v.deadline ? v.deadline.format() : null }));
      const body = taskBody({ title: reassign.title, assigneeKind: v.assigneeKind, assigneeId: v.assigneeId });
      return updateTask(reassign.id, { version: reassign.version, ...(body.assignee ? { assignee: body.assignee } : {}) });
    },
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t(reassign ? 'command.reassigned' : 'command.taskCreated'));
      onClose();
      await qc.invalidateQueries({ queryKey: COMMAND_KEY });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 400) {
        const errs = toFormErrors(e, ['title', 'action', 'deadline']);
        const assignee = e.fieldErrors.find((f) => f.field.startsWith('assignee'));
        form.setFields([...errs, ...(assignee ? [{ name: ['assigneeId'], errors: [assignee.message] }] : [])] as never);
      }
      notifyError(isVersionConflict(e) ? new Error(t('command.conflict')) : e);
      if (isVersionConflict(e)) void qc.invalidateQueries({ queryKey: COMMAND_KEY });
    },
  });
  const verb = reassign?.assignee ? t('command.reassign') : t('command.assign');
  const title = reassign ? `${verb} · ${reassign.title}` : t('command.createTask');
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={reassign ? verb : t('command.createTask')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'task-create-ok' }}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} data-testid="task-create-form">
        {!reassign && (
          <>
            <Form.Item name="title" label={t('command.fields.title')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} data-testid="task-create-title" />
            </Form.Item>
            <Form.Item name="action" label={t('command.fields.action')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="task-create-action" />
            </Form.Item>
          </>
        )}
        <Form.Item name="assigneeKind" label={t('command.fields.assigneeKind')} rules={reassign ? [{ required: true }] : []}>
          <Select
            allowClear
            options={ASSIGNEE_KINDS.map((k) => ({ value: k, label: t(`command.assigneeKinds.${k}`) }))}
            onChange={() => form.setFieldValue('assigneeId', undefined)}
            data-testid="task-create-kind"
          />
        </Form.Item>
        {kind && (
          <Form.Item name="assigneeId" label={t('command.fields.assignee')} rules={[{ required: true }]}>
            {kind === 'org' ? (
              <OrgTreeSelect testId="task-create-org" />
            ) : kind === 'team' ? (
              <TeamSelect />
            ) : (
              <UserSelect testId="task-create-user" />
            )}
          </Form.Item>
        )}
        {!reassign && (
          <Form.Item name="deadline" label={t('command.fields.deadline')}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="task-create-deadline" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
