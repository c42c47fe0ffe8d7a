import { INCIDENT_STATUSES } from '@vigil/shared';
import { DatePicker, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FilterForm } from '../../ui/FilterForm';
import { EventTypePicker } from './EventTypePicker';
import type { IncidentFilterValues } from './incident-format';
import { useCounties } from './incidents.api';

/** Status, type, grade, county, received-time and text filters shared by the table, the map and the export. */
export function IncidentFilterBar({ onSearch }: { onSearch: (v: IncidentFilterValues) => void }) {
  const { t } = useTranslation();
  const counties = useCounties();
  return (
    <FilterForm<IncidentFilterValues> testId="incident" onSearch={onSearch}>
      <Form.Item name="q">
        <Input allowClear placeholder={t('incidents.searchHint')} style={{ width: 180 }} data-testid="incident-filter-q" />
      </Form.Item>
      <Form.Item name="status">
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('common.status')}
          options={INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidents.statuses.${s}`) }))}
          style={{ width: 200 }}
          data-testid="incident-filter-status"
        />
      </Form.Item>
      <Form.Item name="eventType">
        <EventTypePicker allowClear placeholder={t('incidents.fields.eventType')} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="grade">
        <Select
          allowClear
          placeholder={t('incidents.fields.grade')}
          options={[1, 2, 3, 4].map((g) => ({ value: g, label: t(`incidents.grades.g${g}`) }))}
          style={{ width: 130 }}
          data-testid="incident-filter-grade"
        />
      </Form.Item>
      <Form.Item name="countyCode">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('incidents.fields.county')}
          loading={counties.isPending}
          options={(counties.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          style={{ width: 140 }}
          data-testid="incident-filter-county"
        />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          placeholder={[t('incidents.receivedFrom'), t('incidents.receivedTo')]}
        />
      </Form.Item>
    </FilterForm>
  );
}
