import { InputNumber, Segmented, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { convertPoint, pointProblem, type Crs, type PointValue } from '../incidents/location';

/**
 * A point typed as longitude/latitude in WGS84 or GCJ-02 (flipping the switch re-expresses a typed
 * point, so the place stays the same). Swapped or out-of-range numbers are flagged at once; the
 * server checks again (outside China). Works as an antd form control (value = `{lng, lat, crs}`).
 */
export function LocationInput(props: { value?: PointValue | null; onChange?: (v: PointValue | null) => void }) {
  const { t } = useTranslation();
  const value = props.value ?? null;
  const [crs, setCrs] = useState<Crs>(value?.crs ?? 'wgs84');
  const [draft, setDraft] = useState<{ lng: number | null; lat: number | null }>({ lng: value?.lng ?? null, lat: value?.lat ?? null });

  useEffect(() => {
    setDraft({ lng: value?.lng ?? null, lat: value?.lat ?? null });
    if (value) setCrs(value.crs);
  }, [value]);

  const typed = (patch: Partial<typeof draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    props.onChange?.(next.lng !== null && next.lat !== null ? { lng: next.lng, lat: next.lat, crs } : null);
  };
  const switchCrs = (c: Crs) => {
    setCrs(c);
    if (value) props.onChange?.(convertPoint(value, c));
  };
  const problem = value ? pointProblem(value.lng, value.lat) : null;

  return (
    <div data-testid="resource-location">
      <Space wrap>
        <Segmented<Crs>
          value={crs}
          onChange={switchCrs}
          options={[
            { value: 'wgs84', label: 'WGS84' },
            { value: 'gcj02', label: t('map.gcj02') },
          ]}
          data-testid="resource-crs"
        />
        <InputNumber
          placeholder={t('map.lng')}
          value={draft.lng}
          step={0.0001}
          onChange={(v) => typed({ lng: typeof v === 'number' ? v : null })}
          style={{ width: 150 }}
          data-testid="resource-lng"
        />
        <InputNumber
          placeholder={t('map.lat')}
          value={draft.lat}
          step={0.0001}
          onChange={(v) => typed({ lat: typeof v === 'number' ? v : null })}
          style={{ width: 150 }}
          data-testid="resource-lat"
        />
      </Space>
      {problem && problem !== 'missing' && (
        <div>
          <Typography.Text type="danger">{t(`incidents.pointProblems.${problem}`)}</Typography.Text>
        </div>
      )}
    </div>
  );
}
