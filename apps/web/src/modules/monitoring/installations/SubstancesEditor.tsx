import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { HAZARD_CATEGORIES, HAZARD_CATEGORY_SYMBOLS, HAZARD_SUBSTANCES } from '@vigil/shared';
import { AutoComplete, Button, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { standardValues, type SubstanceRow } from './installation-grade';

const NAMES = HAZARD_SUBSTANCES.flatMap((s) => [s.name, ...(s.aliases ?? [])]).map((n) => ({ value: n }));
const CATEGORIES = HAZARD_CATEGORY_SYMBOLS.map((c) => ({ value: c, label: `${c} ${HAZARD_CATEGORIES[c].zh}` }));

/**
 * The substances of an installation (a Form.List named `substances`): name (with the standard's
 * named substances offered), CAS, category, actual q; Q and β show the standard's value as a
 * placeholder and may be overridden.
 */
export function SubstancesEditor() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const rows = (Form.useWatch('substances', form) as SubstanceRow[] | undefined) ?? [];
  return (
    <Form.List name="substances">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            scroll={{ x: 900 }}
            data-testid="substances"
            columns={[
              {
                title: t('installations.fields.substance'),
                key: 'name',
                width: 170,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('common.required') }]} style={{ margin: 0 }}>
                    <AutoComplete
                      options={NAMES}
                      filterOption={(input, o) => String(o?.value ?? '').includes(input)}
                      data-testid="substance-name"
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('installations.fields.cas'),
                key: 'cas',
                width: 120,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'cas']} style={{ margin: 0 }}>
                    <Input maxLength={12} />
                  </Form.Item>
                ),
              },
              {
                title: t('installations.fields.category'),
                key: 'category',
                width: 150,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'category']} style={{ margin: 0 }}>
                    <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={CATEGORIES} popupMatchSelectWidth={false} />
                  </Form.Item>
                ),
              },
              {
                title: t('installations.fields.q'),
                key: 'q',
                width: 120,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'q']} rules={[{ required: true, message: t('common.required') }]} style={{ margin: 0 }}>
                    <InputNumber min={0} style={{ width: '100%' }} data-testid="substance-q" />
                  </Form.Item>
                ),
              },
              ...(['criticalQ', 'beta'] as const).map((k) => ({
                title: t(`installations.fields.${k}`),
                key: k,
                width: 120,
                render: (_: unknown, f: { name: number }) => {
                  const std = standardValues({ ...rows[f.name], [k]: null });
                  return (
                    <Form.Item name={[f.name, k]} style={{ margin: 0 }}>
                      <InputNumber min={0} style={{ width: '100%' }} placeholder={std[k] === null ? '?' : String(std[k])} />
                    </Form.Item>
                  );
                },
              })),
              {
                title: t('installations.fields.ratio'),
                key: 'ratio',
                width: 80,
                render: (_, f) => {
                  const r = rows[f.name];
                  const q = standardValues(r ?? {}).criticalQ;
                  if (!r || typeof r.q !== 'number') return '—';
                  if (!q) return <Typography.Text type="danger">{t('installations.noStandard')}</Typography.Text>;
                  return (r.q / q).toFixed(3);
                },
              },
              {
                key: 'remove',
                width: 40,
                render: (_, f) => (
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} disabled={fields.length <= 1} />
                ),
              },
            ]}
          />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginTop: 8 }} data-testid="substance-add">
            {t('installations.addSubstance')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
