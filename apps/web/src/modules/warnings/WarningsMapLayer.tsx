import { useQuery, useQueryClient } from '@tanstack/react-query';
import { WARNING_COLOURS } from '@vigil/shared';
import { Card, Checkbox, Space, Typography } from 'antd';
import { Popup, type Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session';
import { formatBeijing } from '../../lib/time';
import { useRealtime } from '../../lib/useRealtime';
import { COLOUR_HEX } from './warning-format';
import { countByColour } from './warnings-map-layer';
import { fetchWarningMap, WARNING_MAP_KEY, type WarningMapProps } from './warnings.api';
import { useWarningsLayer } from './useWarningsLayer';
import { ColourTag, SignatureTag, SourceTag } from './WarningTags';
import './warnings.css';

const STORAGE_KEY = 'vigil.map.warnings';

function storedVisible(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

type Picked = { props: WarningMapProps; lng: number; lat: number };

/** The popup of a clicked warning area: headline, type, colour, issuer, expiry and signature status. */
function WarningPopup({ map, picked, onClose }: { map: MapLibreMap; picked: Picked; onClose: () => void }) {
  const { t } = useTranslation();
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });
  useEffect(() => {
    const close = () => closeRef.current();
    const div = document.createElement('div');
    const popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '320px', offset: 8 })
      .setLngLat([picked.lng, picked.lat])
      .setDOMContent(div)
      .addTo(map);
    popup.on('close', close);
    setEl(div);
    return () => {
      popup.off('close', close);
      popup.remove();
    };
  }, [map, picked]);
  if (!el) return null;
  const p = picked.props;
  return createPortal(
    <div className="vg-popup" data-testid="warning-popup">
      <Typography.Text strong>{p.headline}</Typography.Text>
      <div className="vg-popup-meta">
        <Space size={2} wrap>
          <ColourTag colour={p.colour ?? null} />
          <SourceTag source={p.source} />
          <SignatureTag status={p.signatureStatus ?? null} />
        </Space>
      </div>
      <div className="vg-popup-line">{`${p.typeCode} ${p.typeName}`}</div>
      {p.sender && <div className="vg-popup-line">{p.sender}</div>}
      {p.expires && <div className="vg-popup-line">{t('warnings.map.expires', { at: formatBeijing(p.expires, false) })}</div>}
      <Link to={`/warnings/${p.id}`}>{t('warnings.map.details')}</Link>
    </div>,
    el,
  );
}

/**
 * The One Map's warning layer: a switch with the legend (colours, own vs external), the areas of
 * the warnings in force from `GET /warnings/map`, and a popup with the signature status on click.
 * Renders nothing for users without `warning.read`.
 */
export function WarningsMapLayer({ map }: { map: MapLibreMap | null }) {
  const me = useMe();
  const allowed = can(me.data, 'warning.read');
  return allowed ? <WarningsLayerPanel map={map} /> : null;
}

function WarningsLayerPanel({ map }: { map: MapLibreMap | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [visible, setVisible] = useState(storedVisible);
  const [picked, setPicked] = useState<Picked | null>(null);
  const data = useQuery({ queryKey: WARNING_MAP_KEY, queryFn: fetchWarningMap, refetchInterval: 60_000 });
  useRealtime('warnings', () => void qc.invalidateQueries({ queryKey: WARNING_MAP_KEY }));
  useWarningsLayer(map, data.data, visible, (props, at) => setPicked({ props, ...at }));
  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, visible ? 'on' : 'off');
    } catch {
      // private mode: not remembered
    }
  }, [visible]);
  const counts = countByColour(data.data);

  return (
    <Card size="small" className="vg-map-layers" data-testid="warnings-layer-panel">
      <Checkbox checked={visible} onChange={(e) => (setVisible(e.target.checked), setPicked(null))} data-testid="layer-toggle-warnings">
        <Space size={6}>
          <span>{t('warnings.map.layer')}</span>
          <Typography.Text type="secondary" data-testid="layer-count-warnings">
            {data.data?.features.length ?? 0}
          </Typography.Text>
        </Space>
      </Checkbox>
      <div className="vg-warning-layer-legend">
        {WARNING_COLOURS.map((c) => (
          <span key={c}>
            <span className="vg-warning-swatch" style={{ background: COLOUR_HEX[c] }} />
            {t(`warnings.colours.${c}`)} {counts[c] ?? 0}
          </span>
        ))}
        <span>{t('warnings.map.legendExternal')}</span>
      </div>
      {map && picked && visible && <WarningPopup map={map} picked={picked} onClose={() => setPicked(null)} />}
    </Card>
  );
}
