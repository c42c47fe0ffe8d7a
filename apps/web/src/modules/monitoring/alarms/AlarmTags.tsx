import type { AlarmLevel, AlarmStatus } from '@vigil/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LEVEL_COLORS, levelTextColor } from './alarm-format';

export function AlarmLevelTag({ level }: { level: AlarmLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLORS[level]} style={{ color: levelTextColor(level), marginInlineEnd: 0 }} data-testid="alarm-level">
      {t(`alarms.levels.${level}`)}
    </Tag>
  );
}

const STATUS_COLORS: Record<AlarmStatus, string> = { active: 'error', acknowledged: 'warning', cleared: 'success', closed: 'default' };

export function AlarmStatusTag({ status }: { status: AlarmStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="alarm-status" data-status={status}>
      {t(`alarms.statuses.${status}`)}
    </Tag>
  );
}
