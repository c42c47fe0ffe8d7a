import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TaskDto } from '@vigil/shared';
import { Empty, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/notify';
import { addParticipant, CONSULT_KEY } from '../consult/consult.api';
import { COMMAND_KEY, createTask } from './command.api';
import { MaterialsModal } from './MaterialsModal';

/** A resource the commander acts on from 周边资源建议 (a server suggestion or an item of the map's dispatch list). */
export interface PickedResource {
  kind: 'team' | 'warehouse' | 'shelter' | 'expert';
  id: string;
  name: string;
}

/** 派遣: a task for the response assigned to the rescue team, title and instructions prefilled (editable). */
export function DispatchTeamModal({ responseId, team, onClose }: { responseId: string; team: PickedResource; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ title: string; action?: string }>();
  useEffect(() => {
    form.setFieldsValue({
      title: t('command.suggest.teamTaskTitle', { name: team.name }),
      action: t('command.suggest.teamTaskAction', { name: team.name }),
    });
  }, [form, team, t]);
  const create = useMutation({
    mutationFn: (v: { title: string; action?: string }) =>
      createTask(responseId, {
        title: v.title.trim(),
        ...(v.action?.trim() ? { action: v.action.trim() } : {}),
        assignee: { kind: 'team', id: team.id },
      }),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('command.taskCreated'));
      onClose();
      await qc.invalidateQueries({ queryKey: COMMAND_KEY });
    },
    onError: (e) => notifyError(e),
  });
  return (
    <Modal
      open
      title={t('command.suggest.teamTaskTitleLabel', { name: team.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('command.createTask')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'suggest-team-ok' }}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} data-testid="suggest-team-form">
        <Form.Item name="title" label={t('command.fields.title')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="suggest-team-title" />
        </Form.Item>
        <Form.Item name="action" label={t('command.fields.action')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const OPEN = new Set(['assigned', 'accepted', 'en_route', 'on_site']);

/** 调拨物资 from a suggested warehouse: pick one of the response's open tasks, then the materials dialog with the warehouse preselected. */
export function WarehouseDispatch({ warehouse, tasks, onClose }: { warehouse: PickedResource; tasks: TaskDto[]; onClose: () => void }) {
  const { t } = useTranslation();
  const open = tasks.filter((x) => OPEN.has(x.status));
  const [taskId, setTaskId] = useState<string | undefined>(open.length === 1 ? open[0]!.id : undefined);
  const [confirmed, setConfirmed] = useState(false);
  const task = open.find((x) => x.id === taskId);
  if (confirmed && task)
    return <MaterialsModal task={task} open canDispatch onClose={onClose} warehouse={{ id: warehouse.id, name: warehouse.name }} />;
  return (
    <Modal
      open
      title={t('command.suggest.pickTaskTitle', { name: warehouse.name })}
      onCancel={onClose}
      onOk={() => setConfirmed(true)}
      okButtonProps={{ disabled: !task, 'data-testid': 'suggest-material-ok' }}
    >
      {open.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('command.suggest.noOpenTasks')} />
      ) : (
        <Select
          value={taskId}
          onChange={setTaskId}
          placeholder={t('command.suggest.pickTask')}
          style={{ width: '100%' }}
          options={open.map((x) => ({ value: x.id, label: `${x.title}${x.assignee?.name ? ` · ${x.assignee.name}` : ''}` }))}
          data-testid="suggest-material-task"
        />
      )}
    </Modal>
  );
}

/** 邀请会商: adds the expert to the incident's consultation room. */
export function useInviteExpert(incidentId: string) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (expert: PickedResource) => addParticipant(incidentId, { kind: 'expert', refId: expert.id }),
    meta: { silent: true },
    onSuccess: async (_, expert) => {
      notifySuccess(t('command.suggest.invited', { name: expert.name }));
      await qc.invalidateQueries({ queryKey: CONSULT_KEY });
    },
    onError: (e) => notifyError(e),
  });
}
