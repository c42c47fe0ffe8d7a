import type { TaskDto } from '@vigil/shared';
import { Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import { isOverdue, stepTimes } from './command-format';
import { TaskStatusTag } from './CommandTags';
import { EquipmentModal } from './EquipmentModal';
import { MaterialsModal } from './MaterialsModal';
import { TaskCreateModal } from './TaskCreateModal';
import { TaskActions } from './TaskActions';
import { TaskPhotoButton, TaskPhotos } from './TaskPhotos';

/** The deadline, in red with 已超时 when an open task is past it. */
export function TaskDeadline({ task }: { task: TaskDto }) {
  const { t } = useTranslation();
  if (!task.deadline) return <>—</>;
  const late = isOverdue(task);
  return (
    <Typography.Text
      type={late ? 'danger' : undefined}
      strong={late}
      style={{ whiteSpace: 'nowrap' }}
      data-testid="task-deadline"
      data-overdue={late}
    >
      {formatBeijing(task.deadline, false)}
      {late ? ` · ${t('command.overdue')}` : ''}
    </Typography.Text>
  );
}

/** The step times of a task, one per line. */
export function TaskSteps({ task }: { task: TaskDto }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0} data-testid="task-steps">
      {stepTimes(task).map((s) => (
        <Typography.Text key={s.status} type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-step={s.status}>
          {t(`command.taskStatuses.${s.status}`)} {formatBeijing(s.at, false).slice(5)}
        </Typography.Text>
      ))}
    </Space>
  );
}

/** The tasks of a response, with the step buttons, feedback, photos, materials and equipment of each. */
export function TaskTable(props: { tasks: TaskDto[]; loading: boolean; responseActive: boolean; canDispatch: boolean }) {
  const { t } = useTranslation();
  const [materialsOf, setMaterialsOf] = useState<TaskDto | null>(null);
  const [equipmentOf, setEquipmentOf] = useState<TaskDto | null>(null);
  const [reassigning, setReassigning] = useState<TaskDto | null>(null);
  return (
    <>
      <Table<TaskDto>
        size="small"
        rowKey="id"
        loading={props.loading}
        dataSource={props.tasks}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('command.noTasks') }}
        data-testid="task-table"
        onRow={(task) =>
          ({ 'data-testid': 'task-row', 'data-id': task.id, 'data-status': task.status }) as React.HTMLAttributes<HTMLElement>
        }
        expandable={{
          rowExpandable: (task) => task.feedback.length > 0 || task.photos.length > 0 || !!task.action || !!task.rejectReason,
          expandedRowRender: (task) => (
            <Space orientation="vertical" size={2} data-testid="task-details">
              {task.action && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{task.action}</Typography.Paragraph>}
              {task.rejectReason && (
                <Typography.Text type="danger">
                  {t('command.taskStatuses.rejected')}：{task.rejectReason}
                </Typography.Text>
              )}
              {task.feedback.map((f) => (
                <Typography.Text key={f.id} data-testid="task-feedback-item">
                  {formatBeijing(f.at, false)} {f.by ?? ''}：{f.note}
                </Typography.Text>
              ))}
              {task.photos.length > 0 && <TaskPhotos task={task} show="thumbs" />}
            </Space>
          ),
        }}
        columns={[
          {
            title: t('command.fields.title'),
            render: (_, task) => (
              <Space orientation="vertical" size={0}>
                <span data-testid="task-title">{task.title}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`command.sources.${task.source}`)}
                  {task.responsibleRole ? ` · ${task.responsibleRole}` : ''}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('command.fields.assignee'),
            width: 200,
            render: (_, task) =>
              task.assignee ? (
                <span data-testid="task-assignee">
                  {task.assignee.name ?? '—'}（{t(`command.assigneeKinds.${task.assignee.kind}`)}）
                </span>
              ) : (
                '—'
              ),
          },
          { title: t('command.fields.status'), width: 90, render: (_, task) => <TaskStatusTag status={task.status} /> },
          { title: t('command.fields.deadline'), width: 170, render: (_, task) => <TaskDeadline task={task} /> },
          { title: t('command.fields.steps'), width: 150, render: (_, task) => <TaskSteps task={task} /> },
          {
            title: '',
            fixed: 'right',
            width: 240,
            render: (_, task) => (
              <Space wrap size={4}>
                <TaskActions task={task} responseActive={props.responseActive} />
                <TaskPhotoButton task={task} responseActive={props.responseActive} />
                {props.canDispatch && props.responseActive && (task.status === 'rejected' || !task.assignee) && (
                  <Button size="small" onClick={() => setReassigning(task)} data-testid="task-reassign">
                    {task.assignee ? t('command.reassign') : t('command.assign')}
                  </Button>
                )}
                <Button size="small" onClick={() => setMaterialsOf(task)} data-testid="task-materials">
                  {t('command.materials')}
                </Button>
                <Button size="small" onClick={() => setEquipmentOf(task)} data-testid="task-equipment">
                  {t('command.equipment')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {reassigning && (
        <TaskCreateModal responseId={reassigning.responseId} open reassign={reassigning} onClose={() => setReassigning(null)} />
      )}
      {materialsOf && (
        <MaterialsModal
          task={materialsOf}
          open
          canDispatch={props.canDispatch && props.responseActive}
          onClose={() => setMaterialsOf(null)}
        />
      )}
      {equipmentOf && (
        <EquipmentModal
          task={equipmentOf}
          open
          canDispatch={props.canDispatch && props.responseActive}
          onClose={() => setEquipmentOf(null)}
        />
      )}
    </>
  );
}
