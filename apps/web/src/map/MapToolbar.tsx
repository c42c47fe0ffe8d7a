import { AimOutlined, BorderOutlined, ClearOutlined, ColumnWidthOutlined, GatewayOutlined, RadiusSettingOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DispatchBasketButton } from './DispatchBasketButton';
import { formatArea, formatDistance } from './measure';
import type { SketchTool } from './sketch-shape';
import type { BasketItem } from './useDispatchBasket';

/** The tools of the toolbar: drawing/measuring, or picking the centre of "around here". */
export type MapTool = SketchTool | 'around';

interface Props {
  tool: MapTool | null;
  onTool: (t: MapTool | null) => void;
  onClear: () => void;
  measure: { tool: SketchTool; lengthM: number; areaM2: number | null } | null;
  onBasketItem: (item: BasketItem) => void;
}

const TOOLS: { tool: MapTool; icon: ReactNode; testId: string }[] = [
  { tool: 'circle', icon: <RadiusSettingOutlined />, testId: 'draw-circle' },
  { tool: 'polygon', icon: <GatewayOutlined />, testId: 'draw-polygon' },
  { tool: 'distance', icon: <ColumnWidthOutlined />, testId: 'measure-distance' },
  { tool: 'area', icon: <BorderOutlined />, testId: 'measure-area' },
  { tool: 'around', icon: <AimOutlined />, testId: 'around-pick' },
];

/** Drawing, measuring and "around here" tools, the current tool's hint and the measurement read-out. */
export function MapToolbar({ tool, onTool, onClear, measure, onBasketItem }: Props) {
  const { t } = useTranslation();
  return (
    <div className="vg-map-toolbar" data-testid="map-toolbar">
      <Space.Compact>
        {TOOLS.map((x) => (
          <Tooltip key={x.tool} title={t(`map.tools.${x.tool}`)}>
            <Button
              icon={x.icon}
              type={tool === x.tool ? 'primary' : 'default'}
              onClick={() => onTool(tool === x.tool ? null : x.tool)}
              aria-label={t(`map.tools.${x.tool}`)}
              aria-pressed={tool === x.tool}
              data-testid={x.testId}
            />
          </Tooltip>
        ))}
        <Tooltip title={t('map.tools.clear')}>
          <Button icon={<ClearOutlined />} onClick={onClear} aria-label={t('map.tools.clear')} data-testid="sketch-clear" />
        </Tooltip>
        <DispatchBasketButton onItem={onBasketItem} />
      </Space.Compact>
      {tool && (
        <Typography.Text className="vg-map-hint" data-testid="tool-hint">
          {t(`map.hints.${tool}`)}
        </Typography.Text>
      )}
      {measure && (measure.tool === 'distance' || measure.tool === 'area') && (
        <Typography.Text className="vg-map-hint" strong data-testid="measure-result">
          {measure.tool === 'distance'
            ? t('map.measure.length', { value: formatDistance(measure.lengthM) })
            : t('map.measure.area', {
                value: measure.areaM2 === null ? '—' : formatArea(measure.areaM2),
                perimeter: formatDistance(measure.lengthM),
              })}
        </Typography.Text>
      )}
    </div>
  );
}
