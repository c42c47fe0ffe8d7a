import { WARNING_CHANNELS } from '@vigil/shared';
import { Checkbox, Col, DatePicker, Form, Input, Row, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { beijingNow } from '../incidents/picker-time';
import type { WarningFormValues } from './warning-form';

const TIME_FORMAT = 'YYYY-MM-DD HH:mm';
const beforeToday = (d: Dayjs) => d.isBefore(beijingNow(), 'day');

/** Effective, onset and expiry times (Beijing), the audience and the dissemination channels. */
export function WarningTimeFields() {
  const { t } = useTranslation();
  const picker = (testId: string) => (
    <DatePicker
      showTime={{ format: 'HH:mm' }}
      format={TIME_FORMAT}
      disabledDate={beforeToday}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="effective" label={t('warnings.fields.effective')} extra={t('warnings.effectiveHint')}>
            {picker('warning-effective')}
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="onset" label={t('warnings.fields.onset')}>
            {picker('warning-onset')}
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="expires" label={t('warnings.fields.expires')} rules={[{ required: true, message: t('common.required') }]}>
            {picker('warning-expires')}
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="audience" label={t('warnings.fields.audience')}>
        <Input maxLength={200} placeholder={t('warnings.audienceHint')} data-testid="warning-audience" />
      </Form.Item>
      <Form.Item name="channels" label={t('warnings.fields.channels')} rules={[{ required: true, message: t('warnings.channelRequired') }]}>
        <Checkbox.Group
          options={WARNING_CHANNELS.map((c) => ({ value: c, label: t(`warnings.channels.${c}`) }))}
          data-testid="warning-channels"
        />
      </Form.Item>
    </>
  );
}

/** The optional English block: switched off, nothing English is sent. */
export function WarningEnglishFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<WarningFormValues>();
  const on = Form.useWatch('withEnglish', form);
  const required = on ? [{ required: true, whitespace: true, message: t('common.required') }] : [];
  return (
    <>
      <Form.Item name="withEnglish" valuePropName="checked" label={t('warnings.withEnglish')}>
        <Switch data-testid="warning-with-english" />
      </Form.Item>
      {on && (
        <>
          <Form.Item name={['en', 'headline']} label={t('warnings.fields.enHeadline')} rules={required}>
            <Input maxLength={200} data-testid="warning-en-headline" />
          </Form.Item>
          <Form.Item name={['en', 'description']} label={t('warnings.fields.enDescription')} rules={required}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="warning-en-description" />
          </Form.Item>
          <Form.Item name={['en', 'instruction']} label={t('warnings.fields.enInstruction')}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="warning-en-instruction" />
          </Form.Item>
        </>
      )}
    </>
  );
}
