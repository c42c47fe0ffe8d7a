import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { IncidentDto } from '@vigil/shared';
import { Button, Card, Col, Form, Input, Row, Space, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../lib/notify';
import { PageHeader } from '../../ui/PageHeader';
import { AttachmentSelect } from './AttachmentSelect';
import { CreatedResult } from './CreatedResult';
import { IncidentBasicFields, IncidentCasualtyFields, preventEnterSubmit } from './IncidentFormFields';
import { incidentFieldErrors, toCreateInput, type IncidentFormValues } from './incident-form';
import { createIncident, INCIDENTS_KEY, uploadAttachment } from './incidents.api';
import { LocationPicker } from './LocationPicker';
import { beijingNow } from './picker-time';

interface Saved {
  incident: IncidentDto;
  failedUploads: string[];
}

/** 新增事件: the duty officer records a call — type, times, place on the map, casualties, attachments. */
export default function IncidentCreatePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<IncidentFormValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saved, setSaved] = useState<Saved | null>(null);

  const save = useMutation({
    mutationFn: async (v: IncidentFormValues): Promise<Saved> => {
      const incident = await createIncident(toCreateInput(v));
      const failedUploads: string[] = [];
      for (const f of files) {
        try {
          if (f.originFileObj) await uploadAttachment(incident.id, f.originFileObj);
        } catch (e) {
          notifyError(e);
          failedUploads.push(f.name);
        }
      }
      return { incident, failedUploads };
    },
    meta: { silent: true },
    onSuccess: async (r) => {
      setSaved(r);
      await qc.invalidateQueries({ queryKey: INCIDENTS_KEY });
    },
    onError: (e) => {
      const fields = incidentFieldErrors(e);
      if (fields.length) form.setFields(fields);
      else notifyError(e);
    },
  });

  const another = () => {
    setSaved(null);
    setFiles([]);
    form.resetFields();
  };

  return (
    <div data-testid="incident-create-page">
      <PageHeader title={t('incidents.createTitle')} />
      {saved ? (
        <CreatedResult incident={saved.incident} failedUploads={saved.failedUploads} onAnother={another} />
      ) : (
        <Form<IncidentFormValues>
          form={form}
          layout="vertical"
          initialValues={{ source: 'phone', receivedAt: beijingNow(), dead: 0, missing: 0, seriouslyInjured: 0, lightlyInjured: 0 }}
          onFinish={(v) => save.mutate(v)}
          onKeyDown={preventEnterSubmit}
          scrollToFirstError
          data-testid="incident-form"
        >
          <Row gutter={16}>
            <Col xs={24} xl={13}>
              <Card size="small" title={t('incidents.sections.basic')} style={{ marginBottom: 16 }}>
                <IncidentBasicFields />
              </Card>
              <Card size="small" title={t('incidents.sections.casualties')} style={{ marginBottom: 16 }}>
                <IncidentCasualtyFields />
              </Card>
            </Col>
            <Col xs={24} xl={11}>
              <Card size="small" title={t('incidents.sections.location')} style={{ marginBottom: 16 }}>
                <Form.Item name="location" extra={t('incidents.locationHint')}>
                  <LocationPicker />
                </Form.Item>
                <Form.Item name="address" label={t('incidents.fields.address')}>
                  <Input maxLength={300} data-testid="incident-address" />
                </Form.Item>
              </Card>
              <Card size="small" title={t('incidents.sections.attachments')} style={{ marginBottom: 16 }}>
                <AttachmentSelect files={files} onChange={setFiles} />
              </Card>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} data-testid="incident-save">
              {t('common.save')}
            </Button>
            <Button onClick={() => form.resetFields()}>{t('common.reset')}</Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
