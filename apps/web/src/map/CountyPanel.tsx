import { CloseOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Divider, Empty, Form, InputNumber, Select, Space, Spin, Tag, Typography } from 'antd';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import type { BoundaryProps, Crs, LocateResult } from './map.api';
import { formatLngLat } from './map-style';
import { usePin } from './useOneMap';

interface Props {
  county: BoundaryProps | null;
  point: { lng: number; lat: number; crs: Crs } | null;
  located: LocateResult | undefined;
  locating: boolean;
  mayLocate: boolean;
  onClose: () => void;
  onLocate: (p: { lng: number; lat: number; crs: Crs }) => void;
  map: MapLibreMap | null;
}

/** The One Map's side panel: the selected county, the clicked point and where it lies, and a coordinate lookup. */
export function CountyPanel(p: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ lng: number; lat: number; crs: Crs }>();
  usePin(p.map, p.located);
  const r = p.located;

  return (
    <Card className="vg-map-panel" size="small" data-testid="map-panel">
      {p.county ? (
        <div data-testid="county-panel">
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="county-name">
              {p.county.name}
            </Typography.Title>
            <Button size="small" type="text" icon={<CloseOutlined />} onClick={p.onClose} aria-label={t('common.close')} />
          </Space>
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('map.code')}>
              <span data-testid="county-code">{p.county.code}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('map.level')}>{t(`map.levels.${p.county.level}`)}</Descriptions.Item>
          </Descriptions>
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('map.clickHint')} />
      )}
      <Divider style={{ margin: '12px 0' }} />
      {p.point && (
        <Descriptions size="small" column={1} data-testid="locate-result">
          <Descriptions.Item label={t('map.clicked')}>
            <span data-testid="clicked-coord">{formatLngLat(p.point.lng, p.point.lat)}</span>
            {p.point.crs === 'gcj02' && <Tag style={{ marginLeft: 4 }}>GCJ-02</Tag>}
          </Descriptions.Item>
          {p.locating ? (
            <Descriptions.Item label={t('map.locate')}>
              <Spin size="small" />
            </Descriptions.Item>
          ) : r ? (
            <>
              {p.point.crs === 'gcj02' && <Descriptions.Item label="WGS84">{formatLngLat(r.lng, r.lat)}</Descriptions.Item>}
              <Descriptions.Item label={t('map.county')}>
                <span data-testid="located-county">{r.county ? `${r.county.name}（${r.county.code}）` : t('map.noCounty')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('map.city')}>{r.city?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('map.jurisdiction')}>
                {r.inJurisdiction ? <Tag color="green">{t('map.inside')}</Tag> : <Tag>{t('map.outside')}</Tag>}
              </Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
      )}
      {p.mayLocate && (
        <Form
          form={form}
          size="small"
          layout="inline"
          initialValues={{ crs: 'wgs84' }}
          onFinish={(v) => p.onLocate(v)}
          style={{ marginTop: 8, rowGap: 8 }}
          data-testid="locate-form"
        >
          <Form.Item name="lng" rules={[{ required: true, message: '' }]} style={{ width: 128 }}>
            <InputNumber placeholder={t('map.lng')} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="lat" rules={[{ required: true, message: '' }]} style={{ width: 128 }}>
            <InputNumber placeholder={t('map.lat')} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="crs" style={{ width: 128 }}>
            <Select
              options={[
                { value: 'wgs84', label: 'WGS84 / CGCS2000' },
                { value: 'gcj02', label: t('map.gcj02') },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="locate-submit">
            {t('map.locate')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
