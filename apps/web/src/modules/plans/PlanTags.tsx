import type { PlanStatus, ResponseLevel } from '@vigil/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PLAN_STATUS_TAG } from './plan-format';

export function PlanStatusTag({ status, testId }: { status: PlanStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={PLAN_STATUS_TAG[status]} data-testid={testId} data-status={status}>
      {t(`plans.statuses.${status}`)}
    </Tag>
  );
}

const LEVEL_COLOUR: Record<ResponseLevel, string> = { I: 'red', II: 'orange', III: 'gold', IV: 'blue' };

/** A response level (Ⅰ级响应 …) in the colour of its severity. */
export function ResponseLevelTag({ level }: { level: ResponseLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLOUR[level]} data-level={level}>
      {t(`plans.responseLevels.${level}`)}
    </Tag>
  );
}
