import { useQuery } from '@tanstack/react-query';
import { DEVICE_CATEGORIES, DEVICE_STATUSES, type DeviceCategory, type DeviceStatus } from '@vigil/shared';
import { Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FilterForm } from '../../../ui/FilterForm';
import { useCounties } from '../../incidents/incidents.api';
import { DEVICE_TYPES_KEY, fetchDeviceTypes } from './devices.api';

export interface DeviceFilterValues {
  q?: string;
  category?: DeviceCategory;
  typeCode?: string;
  status?: DeviceStatus;
  divisionCode?: string;
  online?: 'true' | 'false';
  includeArchived?: boolean;
}

/** Keyword, category, type, status, county, online and "include archived". */
export function DeviceFilterBar({ onSearch }: { onSearch: (v: DeviceFilterValues) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<DeviceFilterValues>();
  const counties = useCounties();
  const types = useQuery({ queryKey: DEVICE_TYPES_KEY, queryFn: fetchDeviceTypes, staleTime: 300_000 });
  const category = Form.useWatch('category', form);
  const zh = i18n.language.startsWith('zh');
  return (
    <FilterForm<DeviceFilterValues> testId="device" onSearch={onSearch} form={form}>
      <Form.Item name="q">
        <Input allowClear placeholder={t('devices.searchHint')} style={{ width: 200 }} data-testid="device-filter-q" />
      </Form.Item>
      <Form.Item name="category">
        <Select
          allowClear
          placeholder={t('devices.fields.category')}
          options={DEVICE_CATEGORIES.map((c) => ({ value: c, label: t(`devices.categories.${c}`) }))}
          style={{ width: 130 }}
          onChange={() => form.setFieldValue('typeCode', undefined)}
          data-testid="device-filter-category"
        />
      </Form.Item>
      <Form.Item name="typeCode">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('devices.fields.type')}
          loading={types.isPending}
          options={(types.data ?? [])
            .filter((x) => !category || x.category === category)
            .map((x) => ({ value: x.code, label: zh ? x.nameZh : x.nameEn }))}
          style={{ width: 170 }}
          data-testid="device-filter-type"
        />
      </Form.Item>
      <Form.Item name="status">
        <Select
          allowClear
          placeholder={t('devices.fields.status')}
          options={DEVICE_STATUSES.map((s) => ({ value: s, label: t(`devices.statuses.${s}`) }))}
          style={{ width: 110 }}
          data-testid="device-filter-status"
        />
      </Form.Item>
      <Form.Item name="divisionCode">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('devices.fields.division')}
          loading={counties.isPending}
          options={(counties.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          style={{ width: 130 }}
          data-testid="device-filter-county"
        />
      </Form.Item>
      <Form.Item name="online">
        <Select
          allowClear
          placeholder={t('devices.fields.state')}
          options={[
            { value: 'true', label: t('devices.online') },
            { value: 'false', label: t('devices.offline') },
          ]}
          style={{ width: 100 }}
          data-testid="device-filter-online"
        />
      </Form.Item>
      <Form.Item name="includeArchived" valuePropName="checked">
        <Checkbox>{t('devices.includeArchived')}</Checkbox>
      </Form.Item>
    </FilterForm>
  );
}
