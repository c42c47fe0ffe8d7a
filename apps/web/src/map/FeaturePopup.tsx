import { useQuery } from '@tanstack/react-query';
import type { LayerDto } from '@vigil/shared';
import { Button, Space, Spin, Tag, Typography } from 'antd';
import { Popup, type Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { currentLocale, pick } from '../lib/i18n';
import { fetchResource } from './map.api';
import { isResourceKind, resourceKey } from './map-keys';
import type { PickedFeature } from './useResourceLayers';

interface Props {
  map: MapLibreMap | null;
  feature: PickedFeature | null;
  layer: LayerDto | undefined;
  onDetails: (f: PickedFeature) => void;
  onAround: (f: PickedFeature) => void;
  onClose: () => void;
}

/** A status in the UI language: the catalogue's own (Chinese) label, else our translation, else the code. */
export function statusText(t: TFunction, status: string, label: string | undefined): string {
  if (label && currentLocale() === 'zh-CN') return label;
  return t(`map.statuses.${status}`, { defaultValue: label ?? status });
}

/** Status tag in the layer's status colour. */
export function StatusTag({ layer, status }: { layer: LayerDto | undefined; status: string }) {
  const { t } = useTranslation();
  const s = layer?.statuses[status];
  if (!status) return null;
  return <Tag color={s?.color}>{statusText(t, status, s?.label)}</Tag>;
}

/** A MapLibre popup at the clicked feature whose content is rendered by React (through a portal). */
export function FeaturePopup({ map, feature, layer, onDetails, onAround, onClose }: Props) {
  const { t } = useTranslation();
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  const kind = feature && isResourceKind(feature.layer) ? feature.layer : null;
  const detail = useQuery({
    queryKey: resourceKey(kind ?? '', feature?.id ?? ''),
    queryFn: () => fetchResource(kind!, feature!.id),
    enabled: !!kind && !!feature?.id,
    staleTime: 30_000,
  });

  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    if (!map || !feature) return;
    const div = document.createElement('div');
    // The page closes the popup on clicks elsewhere; here only the close button does.
    const popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '300px', offset: 8 })
      .setLngLat([feature.lng, feature.lat])
      .setDOMContent(div)
      .addTo(map);
    const closed = () => onCloseRef.current();
    popup.on('close', closed);
    setEl(div);
    return () => {
      popup.off('close', closed);
      popup.remove();
      setEl(null);
    };
  }, [map, feature]);

  if (!el || !feature) return null;
  const r = detail.data;
  return createPortal(
    <div className="vg-popup" data-testid="feature-popup">
      <Typography.Text strong data-testid="popup-name">
        {r?.name ?? feature.name}
      </Typography.Text>
      <div className="vg-popup-meta">
        {layer && <Tag color={layer.color}>{pick({ zh: layer.name, en: layer.nameEn })}</Tag>}
        <StatusTag layer={layer} status={r?.status ?? feature.status} />
      </div>
      <div className="vg-popup-line">
        {t('map.popup.type')}：{r?.typeName ?? r?.typeCode ?? feature.typeCode ?? '—'}
      </div>
      <div className="vg-popup-line">
        {t('map.popup.org')}：{detail.isFetching && !r ? <Spin size="small" /> : (r?.orgName ?? '—')}
      </div>
      <Space size={4} style={{ marginTop: 6 }}>
        {kind ? (
          <Button size="small" type="primary" onClick={() => onDetails(feature)} data-testid="popup-details">
            {t('map.popup.details')}
          </Button>
        ) : feature.layer === 'incident' ? (
          <Link to={`/incidents/${feature.id}`}>{t('map.popup.details')}</Link>
        ) : null}
        <Button size="small" onClick={() => onAround(feature)} data-testid="popup-around">
          {t('map.around.title')}
        </Button>
      </Space>
    </div>,
    el,
  );
}
