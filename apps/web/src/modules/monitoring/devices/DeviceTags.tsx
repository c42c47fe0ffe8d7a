import type { DeviceMapState, DeviceStatus } from '@vigil/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATE_COLOR: Record<DeviceMapState, string> = { alarm: 'red', online: 'green', offline: 'default', disabled: 'gold' };
const STATUS_COLOR: Record<DeviceStatus, string> = { active: 'blue', maintenance: 'gold', disabled: 'default', retired: 'default' };

/** A device's state as the map draws it: 报警 / 在线 / 离线 / 停用. */
export function DeviceStateTag({ state }: { state: DeviceMapState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="device-state">
      {t(`devices.states.${state}`)}
    </Tag>
  );
}

export function DeviceStatusTag({ status }: { status: DeviceStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`devices.statuses.${status}`)}</Tag>;
}
