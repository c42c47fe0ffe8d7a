import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Active time windows (Beijing time): on/off, weekdays, and up to six time ranges (22:00–06:00 runs past midnight). */
export function ScheduleFields() {
  const { t } = useTranslation();
  const scheduled = Form.useWatch<boolean | undefined>('scheduled');
  const time = [{ required: true, pattern: HHMM, message: t('alarmRules.timeFormat') }];
  return (
    <>
      <Form.Item name="scheduled" label={t('alarmRules.schedule')} valuePropName="checked" tooltip={t('alarmRules.scheduleHint')}>
        <Switch data-testid="rule-scheduled" />
      </Form.Item>
      {scheduled && (
        <>
          <Form.Item name="days" rules={[{ required: true, message: t('common.required') }]}>
            <Checkbox.Group options={DAYS.map((d) => ({ value: d, label: t(`alarmRules.days.d${d}`) }))} />
          </Form.Item>
          <Form.List name="ranges">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'from']} rules={time}>
                      <Input placeholder="08:00" style={{ width: 90 }} />
                    </Form.Item>
                    –
                    <Form.Item name={[f.name, 'to']} rules={time}>
                      <Input placeholder="18:00" style={{ width: 90 }} />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                {fields.length < 6 && (
                  <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ from: '08:00', to: '18:00' })}>
                    {t('alarmRules.addRange')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </>
      )}
    </>
  );
}
