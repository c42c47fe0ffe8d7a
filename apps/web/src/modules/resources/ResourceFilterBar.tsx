import type { ResourceKind } from '@vigil/shared';
import { Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FilterForm } from '../../ui/FilterForm';
import { useCounties } from '../incidents/incidents.api';
import type { ResourceFilterValues } from './resource-query';
import { statusesOf } from './resource-status';
import { ResourceStatusLabel } from './ResourceStatusTag';
import { TypeCodePicker } from './TypeCodePicker';

/** Keyword, type code, status, county and "include archived": shared by the table and the export. */
export function ResourceFilterBar({ kind, onSearch }: { kind: ResourceKind; onSearch: (v: ResourceFilterValues) => void }) {
  const { t } = useTranslation();
  const counties = useCounties();
  return (
    <FilterForm<ResourceFilterValues> testId="resource" onSearch={onSearch}>
      <Form.Item name="q">
        <Input allowClear placeholder={t('resources.searchHint')} style={{ width: 200 }} data-testid="resource-filter-q" />
      </Form.Item>
      <Form.Item name="typeCode">
        <TypeCodePicker
          kind={kind}
          allowClear
          placeholder={t('resources.fields.typeCode')}
          style={{ width: 200 }}
          testId="resource-filter-type"
        />
      </Form.Item>
      <Form.Item name="status">
        <Select
          allowClear
          placeholder={t('common.status')}
          options={statusesOf(kind).map((s) => ({ value: s, label: <ResourceStatusLabel kind={kind} status={s} /> }))}
          style={{ width: 130 }}
          data-testid="resource-filter-status"
        />
      </Form.Item>
      <Form.Item name="divisionCode">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('resources.county')}
          loading={counties.isPending}
          options={(counties.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          style={{ width: 140 }}
          data-testid="resource-filter-county"
        />
      </Form.Item>
      <Form.Item name="includeArchived" valuePropName="checked">
        <Checkbox data-testid="resource-filter-archived">{t('resources.includeArchived')}</Checkbox>
      </Form.Item>
    </FilterForm>
  );
}
