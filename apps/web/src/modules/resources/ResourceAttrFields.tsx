import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CodesSelect } from './CodesSelect';
import type { AttrField, KindSpec } from './kinds';

/** The equipment a team carries: rows of name + quantity. */
function EquipmentList() {
  const { t } = useTranslation();
  return (
    <Form.List name={['attrs', 'equipment']}>
      {(rows, { add, remove }) => (
        <>
          {rows.map((row) => (
            <Space key={row.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item name={[row.name, 'name']} rules={[{ required: true, message: t('common.required') }]}>
                <Input maxLength={60} placeholder={t('resources.equipmentName')} data-testid="resource-equipment-name" />
              </Form.Item>
              <Form.Item name={[row.name, 'quantity']}>
                <InputNumber min={0} precision={0} placeholder={t('resources.attrs.quantity')} />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(row.name)} aria-label={t('common.delete')} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', quantity: 1 })} data-testid="resource-equipment-add">
            {t('resources.addEquipment')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The editing control for one attribute. */
function control(f: AttrField, t: (k: string) => string) {
  const testId = `resource-attr-${f.name}`;
  switch (f.type) {
    case 'text':
      return <Input maxLength={f.max} data-testid={testId} />;
    case 'int':
    case 'number':
      return (
        <InputNumber
          min={0}
          precision={f.type === 'int' ? 0 : 2}
          style={{ width: '100%' }}
          suffix={f.unit ? t(`resources.units.${f.unit}`) : undefined}
          data-testid={testId}
        />
      );
    case 'bool':
      return <Switch data-testid={testId} />;
    case 'enum':
      return (
        <Select
          allowClear={!f.required}
          options={(f.options ?? []).map((o) => ({ value: o, label: t(`resources.enums.${f.enumKey}.${o}`) }))}
          data-testid={testId}
        />
      );
    case 'codes':
      return <CodesSelect prefixes={f.codePrefixes ?? []} testId={testId} />;
    case 'tags':
      return <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} data-testid={testId} />;
    case 'equipmentList':
      return null;
  }
}

/** The kind's own fields (`attrs.*`), laid out two to a row; lists take a full row. */
export function ResourceAttrFields({ spec }: { spec: KindSpec }) {
  const { t } = useTranslation();
  const wide = (f: AttrField) => f.type === 'codes' || f.type === 'tags' || f.type === 'equipmentList';
  return (
    <Row gutter={12}>
      {spec.attrs.map((f) => (
        <Col key={f.name} xs={24} md={wide(f) ? 24 : 12}>
          {f.type === 'equipmentList' ? (
            <Form.Item label={t(`resources.attrs.${f.name}`)}>
              <EquipmentList />
            </Form.Item>
          ) : (
            <Form.Item
              name={['attrs', f.name]}
              label={t(`resources.attrs.${f.name}`)}
              valuePropName={f.type === 'bool' ? 'checked' : 'value'}
              rules={f.required ? [{ required: true, message: t('common.required') }] : undefined}
            >
              {control(f, t)}
            </Form.Item>
          )}
        </Col>
      ))}
    </Row>
  );
}
