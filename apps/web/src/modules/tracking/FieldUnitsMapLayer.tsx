import { Card, Checkbox, Space, Typography } from 'antd';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { formatBeijing } from '../../lib/time';
import { STALE_COLOUR, staleAt, UNIT_COLOURS } from './unit-style';
import { useFieldUnits } from './useFieldUnits';

/** The field units overlay of the One Map (command readers only): a toggle with counts, and the clicked unit with its track. */
export function FieldUnitsMapLayer({ map }: { map: MapLibreMap | null }) {
  const me = useMe();
  return can(me.data, 'command.read') ? <FieldUnitsOverlay map={map} /> : null;
}

function FieldUnitsOverlay({ map }: { map: MapLibreMap | null }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(true);
  const [selected, setSelected] = useState<string | null>(null);
  const { units, now } = useFieldUnits(map, { visible, selectedId: selected, onSelect: setSelected });
  const items = units.data?.items ?? [];
  const staleAfter = units.data?.staleAfterSeconds ?? 300;
  const stale = items.filter((u) => staleAt(u, now, staleAfter)).length;
  const unit = items.find((u) => u.trackerId === selected);
  return (
    <Card size="small" className="vg-map-layers" data-testid="field-units-layer-panel">
      <Checkbox
        checked={visible}
        onChange={(e) => (setVisible(e.target.checked), setSelected(null))}
        data-testid="layer-toggle-field-units"
      >
        <Space size={6}>
          <span>{t('tracking.units')}</span>
          <Typography.Text type="secondary" data-testid="layer-count-field-units">
            {items.length - stale}
            {stale > 0 ? ` / ${t('tracking.stale')} ${stale}` : ''}
          </Typography.Text>
        </Space>
      </Checkbox>
      <div className="vg-warning-layer-legend">
        {(['team', 'equipment', 'user'] as const).map((k) => (
          <span key={k}>
            <span className="vg-warning-swatch" style={{ background: UNIT_COLOURS[k], borderRadius: 5 }} />
            {t(`tracking.subject.${k}`)}
          </span>
        ))}
        <span>
          <span className="vg-warning-swatch" style={{ background: STALE_COLOUR, borderRadius: 5 }} />
          {t('tracking.stale')}
        </span>
      </div>
      {unit && visible && (
        <Typography.Paragraph style={{ margin: '6px 0 0' }} data-testid="field-unit-picked">
          <Typography.Text strong>{unit.subjectName}</Typography.Text> {formatBeijing(unit.at)}
          {unit.speedKmh !== null ? ` · ${Math.round(unit.speedKmh)} km/h` : ''}
          <br />
          <Typography.Text type="secondary">{t('tracking.trackShown')}</Typography.Text>
        </Typography.Paragraph>
      )}
    </Card>
  );
}
