import type { TaskDto } from '@vigil/shared';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { isClosed, taskActions } from './command-format';
import { ReasonModal } from './ReasonModal';
import { useTaskStep } from './useTaskStep';

/**
 * The step buttons of one task (accept / en route / on site / done / reject with a reason) and a
 * feedback button, by the user's permissions and the task's status. `big` makes them thumb-sized (mobile).
 */
export function TaskActions({ task, responseActive = true, big = false }: { task: TaskDto; responseActive?: boolean; big?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const perms = me.data?.permissions ?? [];
  const { step, feedback } = useTaskStep();
  const [asking, setAsking] = useState<'reject' | 'feedback' | null>(null);
  const actions = taskActions(task, perms, responseActive);
  const canFeedback = responseActive && !isClosed(task.status) && can(me.data, 'task.update');
  if (!actions.length && !canFeedback) return null;
  const size = big ? 'large' : 'small';
  const style = big ? { minWidth: 96, minHeight: 44 } : undefined;
  const busy = (a: string) => step.isPending && step.variables?.task.id === task.id && step.variables.action === a;

  return (
    <Space wrap size={big ? 8 : 4} data-testid="task-actions">
      {actions.map((a) => (
        <Button
          key={a}
          size={size}
          style={style}
          type={a === 'reject' ? 'default' : 'primary'}
          danger={a === 'reject'}
          loading={busy(a)}
          disabled={step.isPending && !busy(a)}
          onClick={() => (a === 'reject' ? setAsking('reject') : step.mutate({ task, action: a }))}
          data-testid={`task-action-${a}`}
        >
          {t(`command.taskActions.${a}`)}
        </Button>
      ))}
      {canFeedback && (
        <Button size={size} style={style} onClick={() => setAsking('feedback')} data-testid="task-action-feedback">
          {t('command.feedback')}
        </Button>
      )}
      {asking === 'reject' && (
        <ReasonModal
          open
          title={t('command.taskActions.reject')}
          okText={t('command.taskActions.reject')}
          busy={step.isPending}
          testId="task-reject"
          onOk={(reason) => step.mutate({ task, action: 'reject', reason }, { onSettled: () => setAsking(null) })}
          onClose={() => setAsking(null)}
        />
      )}
      {asking === 'feedback' && (
        <ReasonModal
          open
          title={t('command.feedbackTitle')}
          label={t('command.feedbackNote')}
          requiredMessage={t('command.noteRequired')}
          busy={feedback.isPending}
          testId="task-feedback"
          onOk={(note) => feedback.mutate({ task, note }, { onSuccess: () => setAsking(null) })}
          onClose={() => setAsking(null)}
        />
      )}
    </Space>
  );
}
