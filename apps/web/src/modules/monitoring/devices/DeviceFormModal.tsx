import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DEVICE_STATUSES, type DeviceDto, type DeviceWithSecretDto } from '@vigil/shared';
import { Alert, Button, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-error';
import { showFormError } from '../../../lib/forms';
import { notifySuccess } from '../../../lib/notify';
import { preventEnterSubmit } from '../../incidents/IncidentFormFields';
import { LocationPicker } from '../../incidents/LocationPicker';
import { OrgTreeSelect } from '../../orgs/OrgTreeSelect';
import { emptyDeviceValues, toDeviceInput, toDevicePatch, toDeviceValues, type DeviceFormValues } from './device-form';
import { createDevice, DEVICE_TYPES_KEY, DEVICES_KEY, fetchDeviceTypes, updateDevice } from './devices.api';

const isStale = (e: unknown) => e instanceof ApiError && e.status === 409 && e.fieldErrors.some((f) => f.field === 'version');

/**
 * Registers a device (the server answers with its secret, shown once by the caller) or edits one
 * at the version it was opened with. Code and type are fixed once registered.
 */
export function DeviceFormModal(props: { record: DeviceDto | null; onClose: (saved?: DeviceDto, created?: DeviceWithSecretDto) => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<DeviceFormValues>();
  const [stale, setStale] = useState(false);
  const { record } = props;
  const types = useQuery({ queryKey: DEVICE_TYPES_KEY, queryFn: fetchDeviceTypes, staleTime: 300_000 });
  const zh = i18n.language.startsWith('zh');

  const save = useMutation({
    mutationFn: async (v: DeviceFormValues) => {
      if (record) return { device: await updateDevice(record.id, toDevicePatch(v, record)) };
      return createDevice(toDeviceInput(v));
    },
    meta: { silent: true },
    onSuccess: async (r) => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: DEVICES_KEY });
      props.onClose(r.device, 'secret' in r ? (r as DeviceWithSecretDto) : undefined);
    },
    onError: (e) => (isStale(e) ? setStale(true) : void showFormError(form, e)),
  });
  const required = [{ required: true, message: t('common.required') }];

  return (
    <Modal
      open
      width={860}
      title={record ? t('devices.editTitle', { name: record.name }) : t('devices.createTitle')}
      onCancel={() => props.onClose()}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: stale, 'data-testid': 'device-save' }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {stale && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('devices.stale')}
          action={
            <Button size="small" onClick={() => void qc.invalidateQueries({ queryKey: DEVICES_KEY }).then(() => props.onClose())}>
              {t('common.reload')}
            </Button>
          }
        />
      )}
      <Form<DeviceFormValues>
        form={form}
        layout="vertical"
        initialValues={record ? toDeviceValues(record) : emptyDeviceValues()}
        onFinish={(v) => save.mutate(v)}
        onKeyDown={preventEnterSubmit}
        data-testid="device-form"
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('devices.fields.code')} rules={required} extra={t('devices.codeHint')}>
              <Input maxLength={64} disabled={!!record} data-testid="device-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="typeCode" label={t('devices.fields.type')} rules={required}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                disabled={!!record}
                loading={types.isPending}
                options={(types.data ?? []).map((x) => ({ value: x.code, label: zh ? x.nameZh : x.nameEn }))}
                data-testid="device-type"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="status" label={t('devices.fields.status')} rules={required}>
              <Select options={DEVICE_STATUSES.map((s) => ({ value: s, label: t(`devices.statuses.${s}`) }))} data-testid="device-status" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('devices.fields.name')} rules={required}>
              <Input maxLength={200} data-testid="device-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="orgId" label={t('devices.fields.org')}>
              <OrgTreeSelect testId="device-org" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="vendor" label={t('devices.fields.vendor')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="model" label={t('devices.fields.model')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="site" label={t('devices.fields.site')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="installDate"
              label={t('devices.fields.installDate')}
              getValueProps={(v: string | null) => ({ value: v ? dayjs(v) : null })}
              getValueFromEvent={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('devices.fields.address')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="location" label={t('devices.fields.location')} rules={required}>
              <LocationPicker />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
