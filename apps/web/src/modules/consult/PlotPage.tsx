import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PLOT_SYMBOLS, type PlotSymbol, type SymbolGeometry } from '@vigil/shared';
import { Button, Card, Col, Empty, Row, Space, Spin, Switch, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useMe } from '../../app/session';
import { useClientConfig } from '../../lib/client-config';
import { errorText, notifyError } from '../../lib/notify';
import { useRealtime } from '../../lib/useRealtime';
import { fetchBoundaries } from '../../map/map.api';
import { useBoundaries, useMapInstance } from '../../map/useOneMap';
import { useSketch } from '../../map/useSketch';
import { FIELD_UNIT_LAYER, FieldUnitsList, useFieldUnits } from '../tracking';
import { createFeature, fetchPlot, plotKey } from './consult.api';
import { FeatureEditor } from './FeatureEditor';
import { geometryFromVertices, sketchToolFor } from './plot-shape';
import { PLOT_LAYERS, usePlotLayers } from './usePlotLayers';
import '../../map/map.css';

interface Drawing {
  symbol: PlotSymbol;
  kind: SymbolGeometry;
}
const KIND_KEY: Record<SymbolGeometry, string> = { Point: 'point', LineString: 'line', Polygon: 'polygon' };

/** 协同标绘 `/incidents/:id/plot`: the incident's shared plot, drawn with the symbol palette, live for everyone. */
export default function PlotPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const mayPlot = can(me.data, 'command.dispatch');
  const config = useClientConfig();
  const container = useRef<HTMLDivElement | null>(null);
  const [drawing, setDrawing] = useState<Drawing | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [showUnits, setShowUnits] = useState(true);
  const [unit, setUnit] = useState<string | null>(null);
  const layer = useQuery({ queryKey: plotKey(id), queryFn: () => fetchPlot(id), enabled: !!id });
  const city = useQuery({ queryKey: ['boundaries', 'city'], queryFn: () => fetchBoundaries('city'), staleTime: Infinity });
  const counties = useQuery({ queryKey: ['boundaries', 'county'], queryFn: () => fetchBoundaries('county'), staleTime: Infinity });
  const basemap = config.isPending ? undefined : (config.data?.basemap ?? null);
  const live = useRef(drawing);
  useEffect(() => {
    live.current = drawing;
  });

  const save = async (kind: SymbolGeometry, vertices: [number, number][]) => {
    const d = live.current;
    setDrawing(null);
    const geometry = d && geometryFromVertices(kind, vertices);
    if (!d || !geometry) return;
    try {
      const f = await createFeature(id, { symbol: d.symbol.code, geometry });
      setSelected(f.id);
    } catch (err) {
      notifyError(err);
    }
    void qc.invalidateQueries({ queryKey: plotKey(id) });
  };

  const map = useMapInstance(container, basemap, {
    onCounty: () => undefined,
    onClick: () => undefined,
    intercept: (e) => {
      const d = live.current;
      if (d?.kind === 'Point') {
        void save('Point', [[e.lngLat.lng, e.lngLat.lat]]);
        return true;
      }
      if (d) return true;
      // A field unit under the pointer is selected by its own layer's click handler.
      if (e.target.getLayer(FIELD_UNIT_LAYER) && e.target.queryRenderedFeatures(e.point, { layers: [FIELD_UNIT_LAYER] }).length)
        return true;
      const hit = e.target.queryRenderedFeatures(e.point, { layers: PLOT_LAYERS.filter((l) => e.target.getLayer(l)) })[0];
      const fid = (hit?.properties as { fid?: string } | undefined)?.fid;
      if (fid) setSelected(fid);
      return !!fid;
    },
  });
  useBoundaries(map, city.data, counties.data, () => undefined);
  const sketch = useSketch(map, drawing ? sketchToolFor(drawing.kind) : null, {
    onProgress: () => undefined,
    onFinish: (s) => {
      sketch.clear();
      if (live.current) void save(live.current.kind, s.vertices);
    },
    onCancel: () => setDrawing(null),
  });
  usePlotLayers(map, layer.data, selected);
  const field = useFieldUnits(map, { visible: showUnits, selectedId: unit, onSelect: setUnit });
  useRealtime('consult', (e) => {
    if ((e.payload as { incidentId?: string }).incidentId === id && e.name.startsWith('consult.feature_'))
      void qc.invalidateQueries({ queryKey: plotKey(id) });
  });

  const name = (s: PlotSymbol) => (i18n.language.startsWith('en') ? s.en : s.zh);
  const features = layer.data?.features ?? [];
  const current = features.find((f) => f.id === selected);
  return (
    <div data-testid="plot-page">
      <Space style={{ marginBottom: 12 }}>
        <Link to={`/incidents/${id}`}>
          <ArrowLeftOutlined /> {t('consult.plot.back')}
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('consult.plot.title')}
        </Typography.Title>
      </Space>
      {layer.isError && <Typography.Text type="danger">{errorText(layer.error)}</Typography.Text>}
      <Row gutter={12}>
        <Col xs={24} lg={7}>
          <Card size="small" title={t('consult.plot.palette')} style={{ marginBottom: 12 }}>
            {!mayPlot && <Typography.Text type="secondary">{t('consult.plot.readOnly')}</Typography.Text>}
            {mayPlot &&
              PLOT_SYMBOLS.map((s) => (
                <div key={s.code} style={{ marginBottom: 4 }} data-testid="plot-symbol" data-code={s.code}>
                  <span style={{ display: 'inline-block', width: 10, height: 10, background: s.colour, marginRight: 6 }} />
                  <span style={{ display: 'inline-block', minWidth: 84 }}>{name(s)}</span>
                  {s.geometries.map((g) => (
                    <Button
                      key={g}
                      size="small"
                      type={drawing?.symbol.code === s.code && drawing.kind === g ? 'primary' : 'default'}
                      onClick={() => setDrawing(drawing?.symbol.code === s.code && drawing.kind === g ? null : { symbol: s, kind: g })}
                      data-testid={`plot-draw-${s.code}-${KIND_KEY[g]}`}
                      style={{ marginRight: 4 }}
                    >
                      {t(`consult.plot.${KIND_KEY[g]}`)}
                    </Button>
                  ))}
                </div>
              ))}
            {drawing && (
              <Typography.Text type="secondary" data-testid="plot-draw-hint">
                {t(drawing.kind === 'Point' ? 'consult.plot.pointHint' : 'consult.plot.pathHint')}
              </Typography.Text>
            )}
          </Card>
          <Card
            size="small"
            title={t('tracking.units')}
            style={{ marginBottom: 12 }}
            extra={
              <Switch
                size="small"
                checked={showUnits}
                onChange={setShowUnits}
                aria-label={t('tracking.showUnits')}
                data-testid="plot-show-units"
              />
            }
          >
            {showUnits && (
              <FieldUnitsList
                data={field.units.data}
                now={field.now}
                selectedId={unit}
                maxHeight={220}
                onSelect={(u) => {
                  setUnit(u.trackerId);
                  map?.easeTo({ center: [u.lng, u.lat] });
                }}
              />
            )}
          </Card>
          <Card size="small" title={t('consult.plot.features')}>
            {layer.data && features.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consult.plot.none')} />}
            {features.map((f) => (
              <div key={f.id} data-testid="plot-feature" data-id={f.id} data-symbol={f.properties.symbol} style={{ padding: '2px 0' }}>
                <Button type={f.id === selected ? 'link' : 'text'} size="small" onClick={() => setSelected(f.id)}>
                  <span style={{ display: 'inline-block', width: 10, height: 10, background: f.properties.colour, marginRight: 6 }} />
                  {f.properties.label || PLOT_SYMBOLS.find((s) => s.code === f.properties.symbol)?.zh || f.properties.symbol}
                </Button>
              </div>
            ))}
            {current && (
              <div style={{ marginTop: 8 }}>
                <FeatureEditor incidentId={id} feature={current} mayEdit={mayPlot} onDone={() => setSelected(null)} />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={17}>
          <div style={{ height: 'calc(100vh - 180px)', minHeight: 420, position: 'relative' }}>
            {basemap === undefined ? (
              <Spin />
            ) : (
              <div ref={container} className="vg-map" data-testid="plot-map" style={{ height: '100%' }} />
            )}
          </div>
        </Col>
      </Row>
    </div>
  );
}
