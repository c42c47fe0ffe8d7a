import { useQuery } from '@tanstack/react-query';
import type { LayerDto, ResourceKind } from '@vigil/shared';
import { Alert, Button, Descriptions, Drawer, Space, Spin, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../lib/i18n';
import { errorText } from '../lib/notify';
import { attrText } from './attr-format';
import { StatusTag } from './FeaturePopup';
import { resourceKey } from './map-keys';
import { fetchResource } from './map.api';
import { formatLngLat } from './map-style';

interface Props {
  target: { kind: ResourceKind; id: string } | null;
  layer: LayerDto | undefined;
  onClose: () => void;
  onAround: (p: { lng: number; lat: number }) => void;
}

/** The registry page of a resource (the registry opens its drawer from `?open=`). */
export const registryUrl = (kind: ResourceKind, id: string) => `/resources/${kind}?open=${encodeURIComponent(id)}`;

/** The detail drawer of a resource opened from the map: attributes, masked contact, link to the registry. */
export function MapResourceDrawer({ target, layer, onClose, onAround }: Props) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: resourceKey(target?.kind ?? '', target?.id ?? ''),
    queryFn: () => fetchResource(target!.kind, target!.id),
    enabled: !!target,
    staleTime: 30_000,
  });
  const r = q.data;
  const locale = currentLocale();

  return (
    <Drawer
      open={!!target}
      size={440}
      title={r?.name ?? t('map.detail.title')}
      onClose={onClose}
      data-testid="map-resource-drawer"
      mask={false}
    >
      {q.isPending && target && <Spin />}
      {q.error && <Alert type="error" showIcon title={errorText(q.error)} />}
      {r && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('map.detail.externalCode')}>{r.externalCode}</Descriptions.Item>
            <Descriptions.Item label={t('map.popup.type')}>
              {r.typeName ? `${r.typeName}（${r.typeCode}）` : (r.typeCode ?? '—')}
            </Descriptions.Item>
            <Descriptions.Item label={t('common.status')}>
              <StatusTag layer={layer} status={r.status} />
              {r.archivedAt && <Tag>{t('map.detail.archived')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('map.popup.org')}>{r.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('map.detail.address')}>{r.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('map.detail.phone')}>{r.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('map.detail.location')}>{formatLngLat(r.location.lng, r.location.lat)}</Descriptions.Item>
            {r.contact && (
              <Descriptions.Item label={t('map.detail.contact')}>
                <Space size={4} data-testid="drawer-contact">
                  <span>{r.contact.phone ?? '—'}</span>
                  {r.contact.idNumber && <span>{r.contact.idNumber}</span>}
                  {r.contact.masked && (
                    <Tooltip title={t('map.detail.maskedHint')}>
                      <Tag>{t('map.detail.masked')}</Tag>
                    </Tooltip>
                  )}
                </Space>
              </Descriptions.Item>
            )}
            {Object.entries(r.attrs).map(([k, v]) => (
              <Descriptions.Item key={k} label={t(`map.attrs.${k}`, { defaultValue: k })}>
                {attrText(k, v, locale)}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Space style={{ marginTop: 12 }}>
            <Link to={registryUrl(r.kind, r.id)} data-testid="drawer-registry-link">
              <Button type="primary">{t('map.detail.openRegistry')}</Button>
            </Link>
            <Button onClick={() => onAround(r.location)}>{t('map.around.title')}</Button>
          </Space>
        </>
      )}
    </Drawer>
  );
}
