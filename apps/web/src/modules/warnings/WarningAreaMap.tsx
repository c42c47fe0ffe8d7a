import { BorderOutlined, ClearOutlined, RadiusSettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientConfig } from '../../lib/client-config';
import { fetchBoundaries } from '../../map/map.api';
import { useBoundaries, useMapInstance } from '../../map/useOneMap';
import { useSketch } from '../../map/useSketch';
import { drawnBbox, isNothingDrawn, shapeFromSketch, withShape, type DrawnArea } from './warning-area';
import { useAreaLayers } from './useAreaLayers';
import '../../map/map.css';
import './warnings.css';

type Tool = 'polygon' | 'circle';

/**
 * A small offline map of Quanzhou showing a warning's area: the drawn polygon/circle in the
 * warning's colour and the chosen counties highlighted. With `onChange` it is also the drawing
 * control of the authoring form (a polygon: click the corners, double-click the last one; a
 * circle: click the centre, then the rim; Esc cancels).
 */
export function WarningAreaMap(props: {
  drawn: DrawnArea | null | undefined;
  divisionCodes?: readonly string[];
  colour: string;
  onChange?: (d: DrawnArea | null) => void;
  height?: number;
}) {
  const { t } = useTranslation();
  const config = useClientConfig();
  const container = useRef<HTMLDivElement | null>(null);
  const [tool, setTool] = useState<Tool | null>(null);
  const city = useQuery({ queryKey: ['boundaries', 'city'], queryFn: () => fetchBoundaries('city'), staleTime: Infinity });
  const counties = useQuery({ queryKey: ['boundaries', 'county'], queryFn: () => fetchBoundaries('county'), staleTime: Infinity });
  const basemap = config.isPending ? undefined : (config.data?.basemap ?? null);
  const map = useMapInstance(container, basemap, { onCounty: () => undefined, onClick: () => undefined });
  useBoundaries(map, city.data, counties.data, () => undefined);

  const live = useRef(props);
  useEffect(() => {
    live.current = props;
  });
  const sketch = useSketch(map, tool, {
    onProgress: () => undefined,
    onFinish: (s) => {
      setTool(null);
      sketch.clear();
      const shape = shapeFromSketch(s);
      if (shape) live.current.onChange?.(withShape(live.current.drawn, shape));
    },
    onCancel: () => setTool(null),
  });
  useAreaLayers(map, props.drawn, props.divisionCodes ?? [], props.colour);

  // Frame the drawn area once the city has been fitted (the boundaries hook fits the city first).
  const editing = !!props.onChange;
  const box = drawnBbox(props.drawn);
  const boxKey = box?.join(',') ?? '';
  useEffect(() => {
    if (!map || !city.data || !boxKey || editing) return;
    const [w, s, e, n] = boxKey.split(',').map(Number) as [number, number, number, number];
    map.fitBounds([w, s, e, n], { padding: 40, duration: 0, maxZoom: 12 });
  }, [map, city.data, boxKey, editing]);

  return (
    <div className="vg-warning-map" style={props.height ? { height: props.height } : undefined}>
      {basemap === undefined ? <Spin /> : <div ref={container} className="vg-map" data-testid="warning-area-map" />}
      {editing && (
        <div className="vg-warning-map-tools">
          <Space size={4}>
            <Button
              size="small"
              type={tool === 'polygon' ? 'primary' : 'default'}
              icon={<BorderOutlined />}
              onClick={() => setTool(tool === 'polygon' ? null : 'polygon')}
              data-testid="warning-draw-polygon"
            >
              {t('warnings.map.polygon')}
            </Button>
            <Button
              size="small"
              type={tool === 'circle' ? 'primary' : 'default'}
              icon={<RadiusSettingOutlined />}
              onClick={() => setTool(tool === 'circle' ? null : 'circle')}
              data-testid="warning-draw-circle"
            >
              {t('warnings.map.circle')}
            </Button>
            {!isNothingDrawn(props.drawn) && (
              <Button
                size="small"
                icon={<ClearOutlined />}
                onClick={() => (setTool(null), sketch.clear(), props.onChange?.(null))}
                data-testid="warning-draw-clear"
              >
                {t('warnings.map.clear')}
              </Button>
            )}
          </Space>
          {tool && (
            <span className="vg-warning-map-hint" data-testid="warning-draw-hint">
              {t(tool === 'polygon' ? 'warnings.map.polygonHint' : 'warnings.map.circleHint')}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
