import type { ResourceKind } from '@vigil/shared';
import { Badge, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { statusColor } from './resource-status';

const BADGE: Record<string, string> = { green: '#52c41a', orange: '#fa8c16', blue: '#1677ff', gold: '#faad14', default: '#bfbfbf' };

/** A status's label in the UI language (the raw value for a status the UI does not know). */
export function useStatusText() {
  const { t } = useTranslation();
  return (kind: ResourceKind, status: string) => t(`resources.statuses.${kind}.${status}`, { defaultValue: status });
}

/** A coloured tag with the status's label. */
export function ResourceStatusTag({ kind, status }: { kind: ResourceKind; status: string }) {
  const text = useStatusText();
  return (
    <Tag color={statusColor(status)} data-testid="resource-status-tag">
      {text(kind, status)}
    </Tag>
  );
}

/** A coloured dot and the label (for select options). */
export function ResourceStatusLabel({ kind, status }: { kind: ResourceKind; status: string }) {
  const text = useStatusText();
  return <Badge color={BADGE[statusColor(status)] ?? BADGE.default} text={text(kind, status)} />;
}
