import { PLAN_LEVELS, PLAN_STATUSES, PLAN_TYPES } from '@vigil/shared';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FilterForm } from '../../ui/FilterForm';
import { EventTypePicker } from '../incidents/EventTypePicker';
import type { PlanFilterValues } from './plan-form';

/** Keyword, status, plan level, plan type and event code filters of the plan list. */
export function PlanFilterBar({ onSearch }: { onSearch: (v: PlanFilterValues) => void }) {
  const { t } = useTranslation();
  return (
    <FilterForm<PlanFilterValues> testId="plan" onSearch={onSearch}>
      <Form.Item name="q">
        <Input allowClear placeholder={t('plans.searchHint')} style={{ width: 180 }} data-testid="plan-filter-q" />
      </Form.Item>
      <Form.Item name="status">
        <Select
          allowClear
          placeholder={t('common.status')}
          options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`plans.statuses.${s}`) }))}
          style={{ width: 120 }}
          data-testid="plan-filter-status"
        />
      </Form.Item>
      <Form.Item name="level">
        <Select
          allowClear
          placeholder={t('plans.fields.level')}
          options={PLAN_LEVELS.map((l) => ({ value: l, label: t(`plans.planLevels.${l}`) }))}
          style={{ width: 120 }}
          data-testid="plan-filter-level"
        />
      </Form.Item>
      <Form.Item name="type">
        <Select
          allowClear
          placeholder={t('plans.fields.type')}
          options={PLAN_TYPES.map((x) => ({ value: x, label: t(`plans.planTypes.${x}`) }))}
          style={{ width: 160 }}
          data-testid="plan-filter-type"
        />
      </Form.Item>
      <Form.Item name="eventCode">
        <EventTypePicker allowClear placeholder={t('plans.fields.eventCodes')} style={{ width: 200 }} testId="plan-filter-event" />
      </Form.Item>
    </FilterForm>
  );
}
