import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResourceDto } from '@vigil/shared';
import { Alert, Button, Col, Divider, Form, Input, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/notify';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { preventEnterSubmit } from '../incidents/IncidentFormFields';
import type { KindSpec } from './kinds';
import { LocationInput } from './LocationInput';
import { ResourceAttrFields } from './ResourceAttrFields';
import { ResourceStatusLabel } from './ResourceStatusTag';
import {
  emptyFormValues,
  isStale,
  maskedContactMissing,
  resourceFieldErrors,
  toFormValues,
  toResourceInput,
  toResourcePatch,
  type ResourceFormValues,
} from './resource-form';
import { statusesOf } from './resource-status';
import { createResource, RESOURCES_KEY, updateResource } from './resources.api';
import { TypeCodePicker } from './TypeCodePicker';

const PHONE = /^[0-9+\-() ]{3,20}$/;

/**
 * Creates a record of a kind, or edits one (carrying the version it was opened with: when someone
 * else saved in between the server answers 409 and the form offers to reload).
 */
export function ResourceFormModal(props: {
  spec: KindSpec;
  record?: ResourceDto | null;
  open: boolean;
  onClose: (saved?: ResourceDto) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<ResourceFormValues>();
  const [stale, setStale] = useState(false);
  const { spec, record } = props;
  const masked = record?.contact?.masked ?? false;

  const save = useMutation({
    mutationFn: (v: ResourceFormValues) =>
      record ? updateResource(spec.kind, record.id, toResourcePatch(spec, v, record)) : createResource(spec.kind, toResourceInput(spec, v)),
    meta: { silent: true },
    onSuccess: async (saved) => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: RESOURCES_KEY });
      props.onClose(saved);
    },
    onError: (e) => {
      if (isStale(e)) return setStale(true);
      const fields = resourceFieldErrors(spec, e);
      if (fields.length) form.setFields(fields);
      else notifyError(e);
    },
  });

  const close = () => {
    setStale(false);
    props.onClose();
  };
  const reload = async () => {
    await qc.invalidateQueries({ queryKey: RESOURCES_KEY });
    close();
  };
  const required = [{ required: true, message: t('common.required') }];

  return (
    <Modal
      open={props.open}
      width={860}
      title={
        record ? t('resources.editTitle', { name: record.name }) : t('resources.createTitle', { kind: t(`resources.kinds.${spec.kind}`) })
      }
      onCancel={close}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: stale, 'data-testid': 'resource-save' }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {stale && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('resources.stale')}
          action={
            <Button size="small" onClick={() => void reload()} data-testid="resource-stale-reload">
              {t('common.reload')}
            </Button>
          }
          data-testid="resource-stale"
        />
      )}
      <Form<ResourceFormValues>
        form={form}
        layout="vertical"
        initialValues={record ? toFormValues(spec, record) : emptyFormValues(spec)}
        onFinish={(v) => {
          const missing = maskedContactMissing(record, v);
          if (missing) form.setFields([{ name: ['contact', missing], errors: [t('resources.bothContact')] }]);
          else save.mutate(v);
        }}
        onKeyDown={preventEnterSubmit}
        data-testid="resource-form"
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="externalCode"
              label={t('resources.fields.externalCode')}
              rules={required}
              extra={t('resources.externalCodeHint')}
            >
              <Input maxLength={64} data-testid="resource-external-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('resources.fields.name')} rules={required}>
              <Input maxLength={200} data-testid="resource-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="typeCode" label={t('resources.fields.typeCode')}>
              <TypeCodePicker kind={spec.kind} allowClear initialLabel={record?.typeName} testId="resource-type" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="status" label={t('common.status')} rules={required}>
              <Select
                options={statusesOf(spec.kind).map((s) => ({ value: s, label: <ResourceStatusLabel kind={spec.kind} status={s} /> }))}
                data-testid="resource-status"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="orgId" label={t('resources.fields.org')} extra={record ? undefined : t('resources.orgHint')}>
              <OrgTreeSelect allowClear testId="resource-org" />
            </Form.Item>
          </Col>
          {spec.phone && (
            <Col xs={24} md={12}>
              <Form.Item name="phone" label={t('resources.fields.phone')} rules={[{ pattern: PHONE, message: t('users.phoneInvalid') }]}>
                <Input maxLength={20} data-testid="resource-phone" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item name="location" label={t('resources.fields.location')} rules={required}>
              <LocationInput />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t('resources.fields.address')}>
              <Input maxLength={300} data-testid="resource-address" />
            </Form.Item>
          </Col>
        </Row>
        {spec.sealedContact && (
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item
                name={['contact', 'phone']}
                label={t('resources.fields.contactPhone')}
                extra={masked ? t('resources.maskedKeep') : undefined}
                rules={[{ pattern: PHONE, message: t('users.phoneInvalid') }]}
              >
                <Input
                  maxLength={20}
                  placeholder={masked ? (record?.contact?.phone ?? '') : undefined}
                  data-testid="resource-contact-phone"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['contact', 'idNumber']}
                label={t('resources.fields.idNumber')}
                extra={masked ? t('resources.maskedKeep') : undefined}
                rules={[{ pattern: /^\d{17}[\dXx]$/, message: t('resources.idNumberInvalid') }]}
              >
                <Input
                  maxLength={18}
                  placeholder={masked ? (record?.contact?.idNumber ?? '') : undefined}
                  data-testid="resource-id-number"
                />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Divider titlePlacement="start">{t('resources.kindFields')}</Divider>
        <ResourceAttrFields spec={spec} />
      </Form>
    </Modal>
  );
}
