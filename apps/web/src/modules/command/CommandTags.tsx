import type { ResponseStatus, TaskStatus } from '@vigil/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { RESPONSE_STATUS_TAG, TASK_STATUS_TAG } from './command-format';

export { ResponseLevelTag } from '../plans/PlanTags';

export function ResponseStatusTag({ status, testId }: { status: ResponseStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={RESPONSE_STATUS_TAG[status]} data-testid={testId} data-status={status}>
      {t(`command.responseStatuses.${status}`)}
    </Tag>
  );
}

export function TaskStatusTag({ status, testId }: { status: TaskStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={TASK_STATUS_TAG[status]} data-testid={testId ?? 'task-status'} data-status={status}>
      {t(`command.taskStatuses.${status}`)}
    </Tag>
  );
}
