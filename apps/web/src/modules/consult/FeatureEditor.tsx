import { useQueryClient } from '@tanstack/react-query';
import { findPlotSymbol, type PlotFeatureDto } from '@vigil/shared';
import { Button, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-error';
import { notifyError, notifySuccess } from '../../lib/notify';
import { deleteFeature, plotKey, updateFeature } from './consult.api';

/** Edits the selected feature's label and colour, or deletes it; a 409 reloads the layer. */
export function FeatureEditor(props: { incidentId: string; feature: PlotFeatureDto; mayEdit: boolean; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const f = props.feature;
  const [label, setLabel] = useState(f.properties.label ?? '');
  const [colour, setColour] = useState(f.properties.colour);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setLabel(f.properties.label ?? '');
    setColour(f.properties.colour);
  }, [f.id, f.properties.label, f.properties.colour]);
  const symbol = findPlotSymbol(f.properties.symbol);

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await fn();
      if (done) notifySuccess(done);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) notifyError(new Error(t('consult.plot.conflict')));
      else notifyError(err);
    } finally {
      setBusy(false);
      void qc.invalidateQueries({ queryKey: plotKey(props.incidentId) });
    }
  };

  return (
    <div data-testid="plot-feature-editor" data-id={f.id}>
      <Typography.Text strong>{symbol ? (i18n.language.startsWith('en') ? symbol.en : symbol.zh) : f.properties.symbol}</Typography.Text>
      <Space orientation="vertical" style={{ width: '100%', marginTop: 4 }} size={4}>
        <Input
          size="small"
          maxLength={100}
          value={label}
          disabled={!props.mayEdit}
          onChange={(e) => setLabel(e.target.value)}
          placeholder={t('consult.plot.label')}
          data-testid="plot-feature-label"
        />
        <Input
          size="small"
          type="color"
          value={colour}
          disabled={!props.mayEdit}
          onChange={(e) => setColour(e.target.value)}
          aria-label={t('consult.plot.colour')}
          data-testid="plot-feature-colour"
        />
        {props.mayEdit && (
          <Space>
            <Button
              size="small"
              type="primary"
              loading={busy}
              onClick={() => void act(() => updateFeature(props.incidentId, f.id, { version: f.properties.version, label, colour }))}
              data-testid="plot-feature-save"
            >
              {t('consult.plot.save')}
            </Button>
            <Button
              size="small"
              danger
              loading={busy}
              onClick={() =>
                void act(async () => {
                  await deleteFeature(props.incidentId, f.id, f.properties.version);
                  props.onDone();
                }, t('consult.plot.deleted'))
              }
              data-testid="plot-feature-delete"
            >
              {t('consult.plot.delete')}
            </Button>
          </Space>
        )}
      </Space>
    </div>
  );
}
