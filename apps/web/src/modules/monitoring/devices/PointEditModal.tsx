import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PointDto } from '@vigil/shared';
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../../lib/forms';
import { notifySuccess } from '../../../lib/notify';
import { toPointPatch, type PointFormValues } from './device-form';
import { DEVICES_KEY, updatePoint } from './devices.api';

const LIMITS = ['ll', 'l', 'h', 'hh'] as const;

/** Edits one point's name, unit, range, thresholds, interval and whether it is enabled. */
export function PointEditModal(props: { deviceId: string; deviceVersion: number; point: PointDto; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<PointFormValues>();
  const p = props.point;
  const numeric = p.valueKind === 'number';
  const save = useMutation({
    mutationFn: (v: PointFormValues) => updatePoint(props.deviceId, p.id, toPointPatch(v, p, props.deviceVersion)),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: DEVICES_KEY });
      props.onClose();
    },
    onError: (e) => void showFormError(form, e),
  });
  return (
    <Modal
      open
      title={t('devices.editPoint', { name: p.name })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'point-save' }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<PointFormValues> form={form} layout="vertical" initialValues={p} onFinish={(v) => save.mutate(v)} data-testid="point-form">
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="name" label={t('devices.fields.pointName')} rules={[{ required: true, message: t('common.required') }]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="unit" label={t('devices.fields.unit')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          {numeric && (
            <>
              <Col span={12}>
                <Form.Item name="rangeMin" label={t('devices.fields.rangeMin')}>
                  <InputNumber style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="rangeMax" label={t('devices.fields.rangeMax')}>
                  <InputNumber style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Alert type="info" showIcon title={t('devices.thresholdHint')} style={{ marginBottom: 12 }} />
              </Col>
              {LIMITS.map((k) => (
                <Col span={6} key={k}>
                  <Form.Item name={k} label={t(`devices.fields.${k}`)}>
                    <InputNumber style={{ width: '100%' }} data-testid={`point-${k}`} />
                  </Form.Item>
                </Col>
              ))}
            </>
          )}
          <Col span={12}>
            <Form.Item name="intervalS" label={t('devices.fields.intervalS')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={1} max={86400} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="enabled" label={t('devices.fields.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
