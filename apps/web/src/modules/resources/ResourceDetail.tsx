import { EnvironmentOutlined, LockOutlined } from '@ant-design/icons';
import type { ResourceDto } from '@vigil/shared';
import { Descriptions, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../lib/time';
import type { KindSpec } from './kinds';
import { formatAttr } from './resource-columns';
import { mapFocusUrl } from './resource-query';
import { ResourceStatusTag } from './ResourceStatusTag';

/** A masked value with a hint why it is masked. */
function Masked({ value }: { value: string | null }) {
  const { t } = useTranslation();
  if (!value) return <>—</>;
  return (
    <Tooltip title={t('resources.maskedHint')}>
      <Space size={4} data-testid="resource-masked">
        <span>{value}</span>
        <LockOutlined />
        <Typography.Text type="secondary">{t('resources.masked')}</Typography.Text>
      </Space>
    </Tooltip>
  );
}

/** Every field of a record: the shared ones, the sealed contact (experts) and the kind's own attributes. */
export function ResourceDetail({ spec, r }: { spec: KindSpec; r: ResourceDto }) {
  const { t } = useTranslation();
  const c = r.contact;
  return (
    <Descriptions column={1} size="small" bordered data-testid="resource-detail">
      <Descriptions.Item label={t('resources.fields.externalCode')}>{r.externalCode}</Descriptions.Item>
      <Descriptions.Item label={t('resources.fields.name')}>
        <Space size={4} wrap>
          {r.name}
          {r.archivedAt && <Tag>{t('resources.archivedAt', { at: formatBeijing(r.archivedAt, false) })}</Tag>}
          {r.source === 'demo' && <Tag color="orange">{t('app.demo')}</Tag>}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('resources.fields.typeCode')}>{r.typeCode ? `${r.typeCode} ${r.typeName ?? ''}` : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('common.status')}>
        <ResourceStatusTag kind={r.kind} status={r.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('resources.fields.org')}>{r.orgName}</Descriptions.Item>
      {spec.phone && <Descriptions.Item label={t('resources.fields.phone')}>{r.phone ?? '—'}</Descriptions.Item>}
      {spec.sealedContact && (
        <>
          <Descriptions.Item label={t('resources.fields.contactPhone')}>
            {c?.masked ? <Masked value={c.phone} /> : (c?.phone ?? '—')}
          </Descriptions.Item>
          <Descriptions.Item label={t('resources.fields.idNumber')}>
            {c?.masked ? <Masked value={c.idNumber} /> : (c?.idNumber ?? '—')}
          </Descriptions.Item>
        </>
      )}
      <Descriptions.Item label={t('resources.fields.location')}>
        <Space size={8} wrap>
          <span data-testid="resource-coords">
            {r.location.lng.toFixed(6)}, {r.location.lat.toFixed(6)} (WGS84)
          </span>
          <Link to={mapFocusUrl(r.kind, r.id)} data-testid="resource-map-link">
            <EnvironmentOutlined /> {t('resources.viewOnMap')}
          </Link>
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('resources.fields.address')}>{r.address ?? '—'}</Descriptions.Item>
      {spec.attrs.map((f) => (
        <Descriptions.Item key={f.name} label={t(`resources.attrs.${f.name}`)}>
          {formatAttr(f, r.attrs[f.name], t)}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={t('resources.fields.source')}>
        {t(`resources.sources.${r.source}`, { defaultValue: r.source })}
      </Descriptions.Item>
      <Descriptions.Item label={t('common.createdAt')}>{formatBeijing(r.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('resources.fields.updatedAt')}>
        {formatBeijing(r.updatedAt)} · v{r.version}
      </Descriptions.Item>
    </Descriptions>
  );
}
