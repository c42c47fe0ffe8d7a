import { INCIDENT_SOURCES } from '@vigil/shared';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { EventTypePicker } from './EventTypePicker';
import { COUNT_FIELDS } from './incident-form';
import { disabledFuture } from './picker-time';

const TIME_FORMAT = 'YYYY-MM-DD HH:mm';

/**
 * Enter in a text field or picker must not save a half-filled incident (it confirms the picker's
 * value instead); the form is saved with its button. Put on the Form's `onKeyDown`.
 */
export function preventEnterSubmit(e: React.KeyboardEvent<HTMLFormElement>): void {
  if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
}
const required = (message: string) => [{ required: true, message }];

/** Title, event type, times (Beijing), source and reporter: the first part of the intake and edit forms. */
export function IncidentBasicFields({ typeLabel }: { typeLabel?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="title" label={t('incidents.fields.title')} rules={required(t('common.required'))}>
        <Input maxLength={200} showCount data-testid="incident-title" />
      </Form.Item>
      <Form.Item name="eventType" label={t('incidents.fields.eventType')} rules={required(t('common.required'))}>
        <EventTypePicker testId="incident-type" initialLabel={typeLabel} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="occurredAt" label={t('incidents.fields.occurredAt')} rules={required(t('common.required'))}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format={TIME_FORMAT}
              disabledDate={disabledFuture}
              style={{ width: '100%' }}
              data-testid="incident-occurred-at"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="receivedAt" label={t('incidents.fields.receivedAt')} extra={t('incidents.receivedHint')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format={TIME_FORMAT}
              disabledDate={disabledFuture}
              style={{ width: '100%' }}
              data-testid="incident-received-at"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="source" label={t('incidents.fields.source')} rules={required(t('common.required'))}>
            <Select
              options={INCIDENT_SOURCES.map((s) => ({ value: s, label: t(`incidents.sources.${s}`) }))}
              data-testid="incident-source"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="reporterName" label={t('incidents.fields.reporterName')}>
            <Input maxLength={60} data-testid="incident-reporter" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="reporterPhone"
            label={t('incidents.fields.reporterPhone')}
            rules={[{ pattern: /^[0-9+\-() ]{3,20}$/, message: t('users.phoneInvalid') }]}
          >
            <Input maxLength={20} data-testid="incident-contact" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** Casualties, people affected and direct loss (all ≥ 0), then the description. */
export function IncidentCasualtyFields() {
  const { t } = useTranslation();
  const min0 = [{ type: 'number' as const, min: 0, message: t('incidents.notNegative') }];
  return (
    <>
      <Row gutter={12}>
        {COUNT_FIELDS.map((f) => (
          <Col xs={12} md={8} key={f}>
            <Form.Item name={f} label={t(`incidents.fields.${f}`)} rules={min0}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={`incident-${f}`} />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} md={12}>
          <Form.Item name="directLossYuan" label={t('incidents.fields.directLossYuan')} rules={min0}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix={t('incidents.yuan')} data-testid="incident-loss" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('incidents.fields.description')}>
        <Input.TextArea rows={4} maxLength={5000} showCount data-testid="incident-description" />
      </Form.Item>
    </>
  );
}
