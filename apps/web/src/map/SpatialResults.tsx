import { CloseOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeatureSummary, LayerDto, MeDto, SpatialQueryInput } from '@vigil/shared';
import { Alert, Button, Card, Collapse, Empty, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ME_KEY } from '../app/session';
import { pick } from '../lib/i18n';
import { errorText, notifyError } from '../lib/notify';
import { StatusTag } from './FeaturePopup';
import { exportSpatialQuery, spatialQuery } from './map.api';
import { formatArea, formatDistance, polygonAreaM2 } from './measure';

interface Props {
  shape: SpatialQueryInput['shape'];
  layers: LayerDto[];
  /** The catalogue layers switched on: the query covers those. */
  active: LayerDto['id'][];
  onPick: (f: FeatureSummary) => void;
  onClose: () => void;
}

function shapeText(shape: SpatialQueryInput['shape']): string {
  if (shape.type === 'circle') return `⌀ ${formatDistance(shape.radiusM * 2)}`;
  return formatArea(polygonAreaM2(shape.coordinates));
}

/** Features listed per layer (nearest first for a circle); the Excel export has up to the API's maximum. */
const SHOWN_PER_LAYER = 100;
const EXPORT_PER_LAYER = 5_000;

/** Everything inside a drawn circle or polygon, grouped by layer with totals, and its Excel export. */
export function SpatialResults({ shape, layers, active, onPick, onClose }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // On screen the nearest SHOWN_PER_LAYER of each layer; the export carries up to EXPORT_PER_LAYER.
  const input: SpatialQueryInput = { shape, layers: active, limitPerLayer: SHOWN_PER_LAYER };
  const q = useQuery({ queryKey: ['map', 'spatial', input], queryFn: () => spatialQuery(input), enabled: active.length > 0 });
  const exporting = useMutation({
    mutationFn: () =>
      exportSpatialQuery({ ...input, limitPerLayer: EXPORT_PER_LAYER }, qc.getQueryData<MeDto | null>(ME_KEY)?.csrfToken ?? null),
    onError: notifyError,
  });
  const byId = new Map(layers.map((l) => [l.id, l]));
  const total = q.data?.layers.reduce((n, l) => n + l.total, 0) ?? 0;

  return (
    <Card
      className="vg-map-panel"
      size="small"
      data-testid="spatial-results"
      title={
        <Space>
          {t('map.spatial.title')}
          <Typography.Text type="secondary">{shapeText(shape)}</Typography.Text>
        </Space>
      }
      extra={<Button size="small" type="text" icon={<CloseOutlined />} onClick={onClose} aria-label={t('common.close')} />}
    >
      {active.length === 0 && <Alert type="info" showIcon title={t('map.spatial.noLayers')} />}
      {q.isPending && active.length > 0 && <Spin />}
      {q.error && <Alert type="error" showIcon title={errorText(q.error)} />}
      {q.data && (
        <>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
            <Typography.Text data-testid="spatial-total">{t('map.spatial.total', { count: total })}</Typography.Text>
            <Button
              size="small"
              icon={<FileExcelOutlined />}
              loading={exporting.isPending}
              disabled={total === 0}
              onClick={() => exporting.mutate()}
              data-testid="spatial-export"
            >
              {t('map.spatial.export')}
            </Button>
          </Space>
          {total === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('map.spatial.empty')} />
          ) : (
            <Collapse
              size="small"
              defaultActiveKey={q.data.layers.filter((l) => l.total > 0).map((l) => l.layer)}
              items={q.data.layers.map((l) => {
                const layer = byId.get(l.layer);
                return {
                  key: l.layer,
                  label: (
                    <span data-testid={`spatial-layer-${l.layer}`}>
                      {layer ? pick({ zh: layer.name, en: layer.nameEn }) : l.layer}（{l.total}）
                    </span>
                  ),
                  children: (
                    <>
                      {l.total > l.items.length && (
                        <Typography.Text type="secondary">
                          {t('map.spatial.truncated', { shown: l.items.length, total: l.total, max: EXPORT_PER_LAYER })}
                        </Typography.Text>
                      )}
                      {l.items.map((f) => (
                        <div key={f.id} className="vg-result-item" onClick={() => onPick(f)} data-testid="spatial-item">
                          <Space orientation="vertical" size={0}>
                            <Typography.Link>{f.name}</Typography.Link>
                            <Typography.Text type="secondary">{f.orgName}</Typography.Text>
                          </Space>
                          <StatusTag layer={layer} status={f.status} />
                        </div>
                      ))}
                    </>
                  ),
                };
              })}
            />
          )}
        </>
      )}
    </Card>
  );
}
