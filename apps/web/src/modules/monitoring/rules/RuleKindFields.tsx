import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ALARM_LEVELS, RULE_COMPARISONS, type RuleKind } from '@vigil/shared';
import { Button, Form, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** The fields of one rule kind (thresholds, duration, rate, offline, composite conditions). */
export function RuleKindFields({ kind, metrics }: { kind: RuleKind; metrics: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const levels = ALARM_LEVELS.map((l) => ({ value: l, label: t(`alarms.levels.${l}`) }));
  const ops = RULE_COMPARISONS.map((o) => ({ value: o, label: o }));
  const req = [{ required: true, message: t('common.required') }];
  const metric = (optional = false) => (
    <Form.Item name="metric" label={t('alarmRules.metric')} rules={optional ? [] : req}>
      <Select
        allowClear={optional}
        showSearch={{ optionFilterProp: 'label' }}
        options={metrics}
        placeholder={optional ? t('alarmRules.wholeDevice') : undefined}
        data-testid="rule-metric"
      />
    </Form.Item>
  );
  const seconds = (name: string, label: string, required = false) => (
    <Form.Item name={name} label={label} rules={required ? req : []}>
      <InputNumber min={1} max={86_400} precision={0} suffix={t('alarmRules.seconds')} style={{ width: 180 }} />
    </Form.Item>
  );
  const deadband = (
    <Form.Item name="deadband" label={t('alarmRules.deadband')} tooltip={t('alarmRules.deadbandHint')}>
      <InputNumber min={0} style={{ width: 140 }} />
    </Form.Item>
  );
  switch (kind) {
    case 'threshold':
      return (
        <>
          {metric()}
          <Space wrap align="start">
            {(['hh', 'h', 'l', 'll'] as const).map((b) => (
              <div key={b}>
                <Form.Item name={b} label={t(`alarms.bands.${b}`)} tooltip={t('alarmRules.bandHint')} style={{ marginBottom: 4 }}>
                  <InputNumber style={{ width: 120 }} placeholder={t('alarmRules.pointLimit')} />
                </Form.Item>
                <Form.Item name={`level${b === 'hh' ? 'Hh' : b === 'll' ? 'Ll' : b.toUpperCase()}`}>
                  <Select allowClear options={levels} placeholder={t(`alarmRules.defaultLevels.${b}`)} style={{ width: 120 }} />
                </Form.Item>
              </div>
            ))}
          </Space>
          <Space wrap>
            {deadband}
            {seconds('forSeconds', t('alarmRules.forSeconds'))}
          </Space>
        </>
      );
    case 'duration':
      return (
        <>
          {metric()}
          <Space wrap>
            <Form.Item name="op" label={t('alarmRules.op')} rules={req}>
              <Select options={ops} style={{ width: 80 }} />
            </Form.Item>
            <Form.Item name="value" label={t('alarmRules.value')} rules={req}>
              <InputNumber style={{ width: 140 }} />
            </Form.Item>
            {seconds('forSeconds', t('alarmRules.forSeconds'), true)}
            {deadband}
          </Space>
        </>
      );
    case 'rate':
      return (
        <>
          {metric()}
          <Space wrap>
            <Form.Item name="delta" label={t('alarmRules.delta')} rules={req}>
              <InputNumber min={0} style={{ width: 140 }} />
            </Form.Item>
            {seconds('perSeconds', t('alarmRules.perSeconds'), true)}
            <Form.Item name="direction" label={t('alarmRules.direction')}>
              <Select
                options={(['any', 'up', 'down'] as const).map((d) => ({ value: d, label: t(`alarmRules.directions.${d}`) }))}
                style={{ width: 120 }}
              />
            </Form.Item>
            {deadband}
          </Space>
        </>
      );
    case 'offline':
      return (
        <>
          {metric(true)}
          <Form.Item name="intervals" label={t('alarmRules.intervals')} rules={req} tooltip={t('alarmRules.intervalsHint')}>
            <InputNumber min={1} max={1000} suffix="×" style={{ width: 140 }} />
          </Form.Item>
        </>
      );
    case 'composite':
      return (
        <>
          <Space wrap>
            <Form.Item name="compositeOp" label={t('alarmRules.compositeOp')}>
              <Select
                options={(['and', 'or'] as const).map((o) => ({ value: o, label: t(`alarmRules.ops.${o}`) }))}
                style={{ width: 120 }}
              />
            </Form.Item>
            <Form.Item name="scope" label={t('alarmRules.scope')}>
              <Select
                options={(['device', 'site'] as const).map((o) => ({ value: o, label: t(`alarmRules.scopes.${o}`) }))}
                style={{ width: 140 }}
              />
            </Form.Item>
            {deadband}
            {seconds('forSeconds', t('alarmRules.forSeconds'))}
          </Space>
          <Form.List name="conditions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'metric']} rules={req}>
                      <Select showSearch={{ optionFilterProp: 'label' }} options={metrics} style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'op']} rules={req}>
                      <Select options={ops} style={{ width: 70 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'value']} rules={req}>
                      <InputNumber style={{ width: 120 }} />
                    </Form.Item>
                    {fields.length > 2 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                {fields.length < 8 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ op: '>', value: 0 })}>
                    {t('alarmRules.addCondition')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </>
      );
  }
}
