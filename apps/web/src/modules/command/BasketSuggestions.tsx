import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { pathLengthM } from '../../map/measure';
import { useDispatchBasket } from '../../map/useDispatchBasket';
import type { PickedResource } from './SuggestionActions';
import { SuggestionList, type SuggestionRow } from './SuggestionList';

/** The query flag the One Map's “派往响应” opens a response page with. */
export const FROM_BASKET = 'basket';
const KINDS = new Set<string>(['team', 'warehouse', 'shelter', 'expert']);

/**
 * The One Map's dispatch list (调度清单) brought to a response (`?from=basket`): its resources as
 * suggestions, by straight-line distance from the response's centre, with the same actions.
 */
export function BasketSuggestions({
  center,
  onAct,
  busyId,
}: {
  center: { lng: number; lat: number } | null;
  onAct?: (r: SuggestionRow) => void;
  busyId?: string | null;
}) {
  const { t } = useTranslation();
  const basket = useDispatchBasket();
  const [params, setParams] = useSearchParams();
  if (params.get('from') !== FROM_BASKET) return null;
  const close = () =>
    setParams(
      (p) => {
        p.delete('from');
        return p;
      },
      { replace: true },
    );
  const rows: SuggestionRow[] = basket.items
    .map((i) => ({
      // Layers without an action here (equipment, hazards…) are listed as shelters are: information only.
      kind: KINDS.has(i.layer) ? (i.layer as PickedResource['kind']) : ('shelter' as const),
      id: i.id,
      name: i.name,
      detail: t(`map.kinds.${i.layer}`),
      distanceM: center
        ? pathLengthM([
            [center.lng, center.lat],
            [i.location.lng, i.location.lat],
          ])
        : i.distanceM,
    }))
    .sort((a, b) => (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity));
  return (
    <div data-testid="basket-suggestions" style={{ borderTop: '1px dashed #d9d9d9', marginTop: 8, paddingTop: 8 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Text type="secondary">{t('command.suggest.fromMapHint')}</Typography.Text>
        <Space size={4}>
          <Button
            size="small"
            danger
            onClick={() => {
              basket.clear();
              close();
            }}
            data-testid="basket-suggestions-clear"
          >
            {t('command.suggest.clearBasket')}
          </Button>
          <Button size="small" onClick={close}>
            {t('common.close')}
          </Button>
        </Space>
      </Space>
      <SuggestionList
        title={t('command.suggest.fromMap')}
        rows={rows}
        {...(onAct ? { onAct } : {})}
        busyId={busyId ?? null}
        testId="basket-suggestion-list"
      />
    </div>
  );
}
