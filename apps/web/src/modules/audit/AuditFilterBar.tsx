import { DatePicker, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FilterForm } from '../../ui/FilterForm';
import type { AuditFilterValues } from './audit-query';

/** Time range, actor, action, entity and result filters of the audit log. */
export function AuditFilterBar({ onSearch }: { onSearch: (v: AuditFilterValues) => void }) {
  const { t } = useTranslation();
  return (
    <FilterForm<AuditFilterValues> testId="audit" onSearch={onSearch}>
      <Form.Item name="range">
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={[t('audit.from'), t('audit.to')]} />
      </Form.Item>
      <Form.Item name="actor">
        <Input allowClear placeholder={t('audit.actor')} style={{ width: 130 }} data-testid="audit-actor" />
      </Form.Item>
      <Form.Item name="action">
        <Input allowClear placeholder={t('audit.actionHint')} style={{ width: 170 }} data-testid="audit-action" />
      </Form.Item>
      <Form.Item name="entity">
        <Input allowClear placeholder={t('audit.entity')} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="entityId">
        <Input allowClear placeholder={t('audit.entityId')} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="result">
        <Select
          allowClear
          placeholder={t('audit.result')}
          style={{ width: 110 }}
          options={(['ok', 'denied', 'failed'] as const).map((r) => ({ value: r, label: t(`audit.results.${r}`) }))}
        />
      </Form.Item>
    </FilterForm>
  );
}
