import { ALARM_LEVELS, ALARM_STATUSES } from '@vigil/shared';
import { DatePicker, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FilterForm } from '../../../ui/FilterForm';
import { useCounties } from '../../incidents/incidents.api';
import type { AlarmFilterValues } from './alarm-filters';

/** Status, level, category, county, time and text filters of the alarm list. */
export function AlarmFilterBar({ onSearch, initial }: { onSearch: (v: AlarmFilterValues) => void; initial?: AlarmFilterValues }) {
  const { t } = useTranslation();
  const counties = useCounties();
  return (
    <FilterForm<AlarmFilterValues> testId="alarm" onSearch={onSearch} initial={initial}>
      <Form.Item name="q">
        <Input allowClear placeholder={t('alarms.searchHint')} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name="status">
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('common.status')}
          options={ALARM_STATUSES.map((s) => ({ value: s, label: t(`alarms.statuses.${s}`) }))}
          style={{ width: 200 }}
          data-testid="alarm-filter-status"
        />
      </Form.Item>
      <Form.Item name="level">
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('alarms.fields.level')}
          options={ALARM_LEVELS.map((l) => ({ value: l, label: t(`alarms.levels.${l}`) }))}
          style={{ width: 160 }}
        />
      </Form.Item>
      <Form.Item name="category">
        <Select
          allowClear
          placeholder={t('alarms.fields.category')}
          options={(['hazchem', 'natural', 'lifeline'] as const).map((c) => ({ value: c, label: t(`alarms.categories.${c}`) }))}
          style={{ width: 130 }}
        />
      </Form.Item>
      <Form.Item name="divisionCode">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('alarms.fields.county')}
          loading={counties.isPending}
          options={(counties.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          style={{ width: 140 }}
        />
      </Form.Item>
      <Form.Item name="falseAlarm">
        <Select
          allowClear
          placeholder={t('alarms.fields.falseAlarm')}
          options={[
            { value: 'true', label: t('alarms.falseOnly') },
            { value: 'false', label: t('alarms.realOnly') },
          ]}
          style={{ width: 120 }}
        />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={[t('alarms.from'), t('alarms.to')]} />
      </Form.Item>
    </FilterForm>
  );
}
