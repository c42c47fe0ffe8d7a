import { CloseOutlined, PlusOutlined, CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FeatureSummary, LayerDto } from '@vigil/shared';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/notify';
import { StatusTag } from './FeaturePopup';
import { fetchAround } from './map.api';
import { formatLngLat } from './map-style';
import { formatDistance } from './measure';
import { useDispatchBasket } from './useDispatchBasket';

interface Props {
  point: { lng: number; lat: number };
  layers: LayerDto[];
  onPick: (f: FeatureSummary) => void;
  onClose: () => void;
}

interface Filters {
  radiusKm: number;
  material?: string;
  specialty?: string;
}

type Section = 'teams' | 'warehouses' | 'shelters' | 'experts';
const SECTIONS: Section[] = ['teams', 'warehouses', 'shelters', 'experts'];

/** "Around here": the nearest teams, stocked warehouses, shelters with room and experts within R km. */
export function AroundPanel({ point, layers, onPick, onClose }: Props) {
  const { t } = useTranslation();
  const basket = useDispatchBasket();
  const [filters, setFilters] = useState<Filters>({ radiusKm: 10 });
  const q = useQuery({
    queryKey: ['map', 'around', point.lng, point.lat, filters],
    queryFn: () => fetchAround({ lng: point.lng, lat: point.lat, limit: 10, ...filters }),
    placeholderData: keepPreviousData,
  });
  const byId = new Map(layers.map((l) => [l.id, l]));

  const extra = (s: Section, f: FeatureSummary & { materialQuantity?: number | null; freeCapacity?: number }) => {
    if (s === 'warehouses' && f.materialQuantity != null) return t('map.around.stock', { n: f.materialQuantity });
    if (s === 'shelters' && f.freeCapacity != null) return t('map.around.free', { n: f.freeCapacity });
    return null;
  };

  return (
    <Card
      className="vg-map-panel"
      size="small"
      data-testid="around-panel"
      title={t('map.around.title')}
      extra={<Button size="small" type="text" icon={<CloseOutlined />} onClick={onClose} aria-label={t('common.close')} />}
    >
      <Typography.Text type="secondary">{formatLngLat(point.lng, point.lat)}</Typography.Text>
      <Form<Filters>
        size="small"
        layout="vertical"
        initialValues={filters}
        onFinish={(v) => setFilters({ ...v, material: v.material?.trim() || undefined, specialty: v.specialty?.trim() || undefined })}
        style={{ marginTop: 8 }}
      >
        <Space align="end" wrap>
          <Form.Item name="radiusKm" label={t('map.around.radius')} style={{ marginBottom: 0 }}>
            <InputNumber min={0.5} max={200} step={1} style={{ width: 80 }} data-testid="around-radius" />
          </Form.Item>
          <Form.Item name="material" label={t('map.around.material')} style={{ marginBottom: 0 }}>
            <Input placeholder="43A01" style={{ width: 80 }} data-testid="around-material" />
          </Form.Item>
          <Form.Item name="specialty" label={t('map.around.specialty')} style={{ marginBottom: 0 }}>
            <Input placeholder="11B01" style={{ width: 80 }} data-testid="around-specialty" />
          </Form.Item>
          <Button htmlType="submit" type="primary" data-testid="around-apply">
            {t('common.search')}
          </Button>
        </Space>
      </Form>
      {q.isPending && <Spin style={{ display: 'block', marginTop: 12 }} />}
      {q.error && <Alert type="error" showIcon title={errorText(q.error)} style={{ marginTop: 8 }} />}
      {q.data &&
        SECTIONS.map((s) => {
          const items = q.data[s] as (FeatureSummary & { materialQuantity?: number | null; freeCapacity?: number })[];
          return (
            <div key={s} data-testid={`around-${s}`} style={{ marginTop: 12 }}>
              <Typography.Text strong>
                {t(`map.around.sections.${s}`)}（{items.length}）
              </Typography.Text>
              {items.length === 0 && (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
                  {t('map.around.none', { km: q.data.radiusKm })}
                </Typography.Paragraph>
              )}
              {items.map((f) => {
                const added = basket.has(f);
                return (
                  <div key={f.id} className="vg-result-item" data-testid="around-item">
                    <Space orientation="vertical" size={0} onClick={() => onPick(f)}>
                      <Typography.Link>{f.name}</Typography.Link>
                      <Space size={4} wrap>
                        <Typography.Text type="secondary">{f.distanceM === null ? '—' : formatDistance(f.distanceM)}</Typography.Text>
                        <StatusTag layer={byId.get(f.layer)} status={f.status} />
                        {extra(s, f) && <Typography.Text type="secondary">{extra(s, f)}</Typography.Text>}
                      </Space>
                    </Space>
                    <Button
                      size="small"
                      icon={added ? <CheckOutlined /> : <PlusOutlined />}
                      disabled={added}
                      onClick={() => basket.add({ layer: f.layer, id: f.id, name: f.name, location: f.location, distanceM: f.distanceM })}
                      data-testid="around-add"
                    >
                      {added ? t('map.basket.added') : t('map.basket.add')}
                    </Button>
                  </div>
                );
              })}
            </div>
          );
        })}
      {q.data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('map.basket.hint')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
