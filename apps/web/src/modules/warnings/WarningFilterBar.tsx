import { WARNING_COLOURS, WARNING_STATUSES } from '@vigil/shared';
import { DatePicker, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FilterForm } from '../../ui/FilterForm';
import type { WarningFilterValues } from './warning-filters';
import { WarningTypeSelect } from './WarningTypeSelect';

/** Status, colour, type, own/external, in-force time range and keyword filters of the warning list. */
export function WarningFilterBar({ onSearch, initial }: { onSearch: (v: WarningFilterValues) => void; initial?: WarningFilterValues }) {
  const { t } = useTranslation();
  return (
    <FilterForm<WarningFilterValues> testId="warning" onSearch={onSearch} initial={initial}>
      <Form.Item name="q">
        <Input allowClear placeholder={t('warnings.searchHint')} style={{ width: 180 }} data-testid="warning-filter-q" />
      </Form.Item>
      <Form.Item name="status">
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('common.status')}
          options={WARNING_STATUSES.map((s) => ({ value: s, label: t(`warnings.statuses.${s}`) }))}
          style={{ width: 200 }}
          data-testid="warning-filter-status"
        />
      </Form.Item>
      <Form.Item name="colour">
        <Select
          allowClear
          placeholder={t('warnings.fields.colour')}
          options={WARNING_COLOURS.map((c) => ({ value: c, label: t(`warnings.colours.${c}`) }))}
          style={{ width: 110 }}
          data-testid="warning-filter-colour"
        />
      </Form.Item>
      <Form.Item name="typeCode">
        <WarningTypeSelect allowClear placeholder={t('warnings.fields.type')} style={{ width: 170 }} testId="warning-filter-type" />
      </Form.Item>
      <Form.Item name="source">
        <Select
          allowClear
          placeholder={t('warnings.fields.source')}
          options={(['internal', 'external'] as const).map((s) => ({ value: s, label: t(`warnings.sources.${s}`) }))}
          style={{ width: 120 }}
          data-testid="warning-filter-source"
        />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          placeholder={[t('warnings.inForceFrom'), t('warnings.inForceTo')]}
        />
      </Form.Item>
    </FilterForm>
  );
}
