import { DownOutlined, UpOutlined } from '@ant-design/icons';
import type { LayerDto } from '@vigil/shared';
import { Alert, Button, Card, Checkbox, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../lib/i18n';
import { statusText } from './FeaturePopup';
import { LayerIcon } from './layer-icons';

interface Props {
  layers: LayerDto[] | undefined;
  loading: boolean;
  error: string | null;
  visible: Record<string, boolean>;
  onToggle: (layer: string, on: boolean) => void;
  onAll: (on: boolean) => void;
}

/** The layer catalogue: a switch per layer with its count in the user's scope, and the legend by status. */
export function LayerPanel(p: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const allOn = !!p.layers?.every((l) => p.visible[l.id] !== false);

  return (
    <Card
      className="vg-map-layers"
      size="small"
      data-testid="layer-panel"
      title={t('map.layers.title')}
      extra={
        <Space size={4}>
          {open && p.layers && (
            <Button size="small" type="link" onClick={() => p.onAll(!allOn)} data-testid="layer-toggle-all">
              {allOn ? t('map.layers.hideAll') : t('map.layers.showAll')}
            </Button>
          )}
          <Button
            size="small"
            type="text"
            icon={open ? <UpOutlined /> : <DownOutlined />}
            onClick={() => setOpen(!open)}
            aria-label={open ? t('map.layers.collapse') : t('map.layers.expand')}
          />
        </Space>
      }
    >
      {open &&
        (p.error ? (
          <Alert type="error" showIcon title={p.error} />
        ) : p.loading || !p.layers ? (
          <Skeleton active paragraph={{ rows: 4 }} title={false} />
        ) : (
          p.layers.map((l) => (
            <div key={l.id} className="vg-layer-row">
              <Checkbox
                checked={p.visible[l.id] !== false}
                onChange={(e) => p.onToggle(l.id, e.target.checked)}
                data-testid={`layer-toggle-${l.id}`}
              >
                <Space size={6}>
                  <LayerIcon icon={l.icon} layer={l.id} color={l.color} />
                  <span>{pick({ zh: l.name, en: l.nameEn })}</span>
                  <Typography.Text type="secondary" data-testid={`layer-count-${l.id}`}>
                    {l.count.toLocaleString()}
                  </Typography.Text>
                </Space>
              </Checkbox>
              <div className="vg-layer-legend">
                {Object.entries(l.statuses).map(([status, s]) => (
                  <span key={status} className="vg-legend-item">
                    <span className="vg-legend-dot" style={{ background: s.color, borderColor: l.color }} />
                    {statusText(t, status, s.label)}
                  </span>
                ))}
              </div>
            </div>
          ))
        ))}
    </Card>
  );
}
