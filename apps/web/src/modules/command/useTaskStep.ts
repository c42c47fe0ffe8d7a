import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TaskDto } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/notify';
import { isVersionConflict, TARGET_OF, type TaskAction } from './command-format';
import { addTaskFeedback, COMMAND_KEY, transitionTask } from './command.api';

/** Runs a task step with the version last seen; a stale version says so and refetches the tasks. */
export function useTaskStep() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: COMMAND_KEY });
  const step = useMutation({
    mutationFn: ({ task, action, reason }: { task: TaskDto; action: TaskAction; reason?: string }) =>
      transitionTask(task.id, { to: TARGET_OF[action], version: task.version, ...(reason ? { reason } : {}) }),
    meta: { silent: true },
    onSuccess: async (_r, { action }) => {
      notifySuccess(t(`command.taskDone.${action}`));
      await refresh();
    },
    onError: (e) => {
      if (isVersionConflict(e)) notifyError(new Error(t('command.conflict')));
      else notifyError(e);
      void refresh();
    },
  });
  const feedback = useMutation({
    mutationFn: ({ task, note }: { task: TaskDto; note: string }) => addTaskFeedback(task.id, note),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('command.feedbackSaved'));
      await refresh();
    },
    onError: notifyError,
  });
  return { step, feedback };
}
