import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InstallationDto } from '@vigil/shared';
import { Alert, Col, Descriptions, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../../lib/forms';
import { notifySuccess } from '../../../lib/notify';
import { preventEnterSubmit } from '../../incidents/IncidentFormFields';
import { LocationPicker } from '../../incidents/LocationPicker';
import { OrgTreeSelect } from '../../orgs/OrgTreeSelect';
import { GradeTag } from './GradeTag';
import {
  liveGrade,
  toInstallationInput,
  toInstallationPatch,
  toInstallationValues,
  type InstallationFormValues,
  type SubstanceRow,
} from './installation-grade';
import { createInstallation, INSTALLATIONS_KEY, updateInstallation } from './installations.api';
import { InstallationPointsField } from './InstallationPointsField';
import { SubstancesEditor } from './SubstancesEditor';

/** The S/R/grade preview, recomputed as substances and people are edited. */
function GradePreview() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const rows = (Form.useWatch('substances', form) as SubstanceRow[] | undefined) ?? [];
  const people = Form.useWatch('people500m', form) as number | undefined;
  const g = liveGrade(rows, people);
  if (!g) return <Alert type="info" showIcon title={t('installations.incomplete')} />;
  return (
    <Descriptions size="small" bordered column={4} title={t('installations.preview')} data-testid="grade-preview">
      <Descriptions.Item label={t('installations.fields.alpha')}>{g.alpha}</Descriptions.Item>
      <Descriptions.Item label={t('installations.fields.s')}>
        <span data-testid="preview-s">{g.s.toFixed(4)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('installations.fields.r')}>
        <span data-testid="preview-r">{g.r.toFixed(2)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('installations.fields.grade')}>
        <GradeTag grade={g.grade} />
      </Descriptions.Item>
    </Descriptions>
  );
}

/** Registers or edits a major hazard installation; the server grades it again on save. */
export function InstallationFormModal(props: { record: InstallationDto | null; onClose: (saved?: InstallationDto) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<InstallationFormValues>();
  const { record } = props;
  const save = useMutation({
    mutationFn: (v: InstallationFormValues) =>
      record ? updateInstallation(record.id, toInstallationPatch(v, record)) : createInstallation(toInstallationInput(v)),
    meta: { silent: true },
    onSuccess: async (saved) => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: INSTALLATIONS_KEY });
      props.onClose(saved);
    },
    onError: (e) => void showFormError(form, e),
  });
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open
      width={1000}
      title={record ? t('installations.editTitle', { name: record.name }) : t('installations.createTitle')}
      onCancel={() => props.onClose()}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'installation-save' }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<InstallationFormValues>
        form={form}
        layout="vertical"
        initialValues={record ? toInstallationValues(record) : { people500m: 0, substances: [{}], pointIds: [], location: null }}
        onFinish={(v) => save.mutate(v)}
        onKeyDown={preventEnterSubmit}
        data-testid="installation-form"
      >
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item name="code" label={t('installations.fields.code')} rules={required}>
              <Input maxLength={64} disabled={!!record} data-testid="installation-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="name" label={t('installations.fields.name')} rules={required}>
              <Input maxLength={200} data-testid="installation-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="orgId" label={t('installations.fields.org')}>
              <OrgTreeSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="people500m" label={t('installations.fields.people500m')} rules={required}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="installation-people" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="address" label={t('installations.fields.address')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('installations.substances')} required>
              <SubstancesEditor />
            </Form.Item>
          </Col>
          <Col span={24} style={{ marginBottom: 16 }}>
            <GradePreview />
          </Col>
          <Col span={24}>
            <Form.Item name="pointIds" label={t('installations.points')}>
              <InstallationPointsField known={record?.points ?? []} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="location" label={t('installations.fields.location')} rules={required}>
              <LocationPicker />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
