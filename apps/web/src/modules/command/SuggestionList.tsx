import { Button, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDistance } from '../../map/measure';
import type { PickedResource } from './SuggestionActions';

/** One suggested resource as listed: what it is, who owns it, how far, and why. */
export interface SuggestionRow extends PickedResource {
  orgName?: string | null;
  distanceM: number | null;
  detail?: string | null;
}

const ACTION: Partial<Record<PickedResource['kind'], string>> = {
  team: 'command.suggest.dispatchTeam',
  warehouse: 'command.suggest.dispatchMaterial',
  expert: 'command.suggest.inviteExpert',
};

/** A titled list of suggestions, each with its one-click action (none for shelters, or without `onAct`). */
export function SuggestionList({
  title,
  rows,
  onAct,
  busyId,
  testId,
}: {
  title: string;
  rows: SuggestionRow[];
  onAct?: (r: SuggestionRow) => void;
  busyId?: string | null;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId} style={{ marginBottom: 8 }}>
      <Typography.Text strong>{title}</Typography.Text>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('command.suggest.none')} style={{ margin: '4px 0' }} />
      ) : (
        rows.map((r) => {
          const action = ACTION[r.kind];
          return (
            <div
              key={`${r.kind}:${r.id}`}
              data-testid="suggestion"
              data-kind={r.kind}
              data-id={r.id}
              style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, padding: '4px 0' }}
            >
              <span style={{ minWidth: 0 }}>
                <Typography.Text>{r.name}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[r.distanceM === null ? null : formatDistance(r.distanceM), r.orgName, r.detail].filter(Boolean).join(' · ')}
                </Typography.Text>
              </span>
              {onAct && action && (
                <Button size="small" loading={busyId === r.id} onClick={() => onAct(r)} data-testid={`suggestion-${r.kind}-action`}>
                  {t(action)}
                </Button>
              )}
            </div>
          );
        })
      )}
    </div>
  );
}
