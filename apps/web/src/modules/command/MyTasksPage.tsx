import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TaskDto } from '@vigil/shared';
import { Button, Card, Empty, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session';
import { errorText } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { useRealtime } from '../../lib/useRealtime';
import { COMMAND_KEY, fetchMyTasks, MY_TASKS_KEY } from './command.api';
import { TaskStatusTag } from './CommandTags';
import { SharePositionButton } from '../tracking';
import { TaskActions } from './TaskActions';
import { TaskPhotos } from './TaskPhotos';
import { TaskDeadline, TaskSteps } from './TaskTable';

function TaskCard({ task }: { task: TaskDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const last = task.feedback[task.feedback.length - 1];
  return (
    <Card size="small" data-testid="my-task" data-id={task.id} data-status={task.status} styles={{ body: { padding: 12 } }}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
          <Typography.Text strong style={{ fontSize: 16, wordBreak: 'break-word' }} data-testid="my-task-title">
            {task.title}
          </Typography.Text>
          <TaskStatusTag status={task.status} testId="my-task-status" />
        </div>
        {task.action && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} ellipsis={{ rows: 4, expandable: true }}>
            {task.action}
          </Typography.Paragraph>
        )}
        {task.deadline && (
          <div>
            {t('command.fields.deadline')}：<TaskDeadline task={task} />
          </div>
        )}
        {task.assignee && (
          <Typography.Text type="secondary">
            {t('command.fields.assignee')}：{task.assignee.name ?? '—'}
          </Typography.Text>
        )}
        {task.rejectReason && <Typography.Text type="danger">{task.rejectReason}</Typography.Text>}
        <TaskSteps task={task} />
        <TaskPhotos task={task} big />
        {last && (
          <Typography.Text type="secondary" data-testid="my-task-last-feedback">
            {formatBeijing(last.at, false)} {last.by ?? ''}：{last.note}
          </Typography.Text>
        )}
        {can(me.data, 'command.read') && (
          <Link to={`/responses/${task.responseId}`} data-testid="my-task-response">
            {t('command.fromResponse')}
          </Link>
        )}
        <TaskActions task={task} big />
      </Space>
    </Card>
  );
}

/**
 * 我的任务: the tasks assigned to me, my org or my rescue team, as cards with big buttons and photos
 * taken with the phone's camera, and a switch to share my position with the command room (works on
 * a phone, 375 px).
 */
export default function MyTasksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: MY_TASKS_KEY, queryFn: fetchMyTasks });
  useRealtime('command', () => void qc.invalidateQueries({ queryKey: COMMAND_KEY }));
  return (
    <div data-testid="my-tasks" style={{ maxWidth: 720, margin: '0 auto' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('command.myTasks')}
        </Typography.Title>
        <Button
          icon={<ReloadOutlined />}
          size="large"
          loading={q.isFetching}
          onClick={() => void q.refetch()}
          aria-label="refresh"
          data-testid="my-tasks-refresh"
        />
      </div>
      {can(me.data, 'task.update') && (
        <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: 12 } }}>
          <SharePositionButton />
        </Card>
      )}
      {q.isPending ? (
        <Spin size="large" style={{ display: 'block', margin: '48px auto' }} />
      ) : q.isError ? (
        <Typography.Text type="danger">{errorText(q.error)}</Typography.Text>
      ) : q.data.length === 0 ? (
        <Empty description={t('command.noMyTasks')} data-testid="my-tasks-empty" />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {q.data.map((task) => (
            <TaskCard key={task.id} task={task} />
          ))}
        </Space>
      )}
    </div>
  );
}
