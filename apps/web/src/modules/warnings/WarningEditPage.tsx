import { NotEditable, RecordError, RecordLoading } from '../../ui/RecordStates';
import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WarningDto } from '@vigil/shared';
import { Button, Card, Col, Form, Row, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../../app/session';
import { notifyError, notifySuccess } from '../../lib/notify';
import { PageHeader } from '../../ui/PageHeader';
import { preventEnterSubmit } from '../incidents/IncidentFormFields';
import { beijingNow, pickerValue } from '../incidents/picker-time';
import { toWarningFormValues, toWarningRequest, warningFieldErrors, type WarningFormValues } from './warning-form';
import { createWarning, updateWarning, useWarning, WARNINGS_KEY } from './warnings.api';
import { WarningAreaFields } from './WarningAreaFields';
import { WarningContentFields } from './WarningContentFields';
import { WarningEnglishFields, WarningTimeFields } from './WarningDeliveryFields';

/** 编制预警 / 修改草稿: the authoring form; `/warnings/new` drafts a new warning, `/warnings/:id/edit` edits a draft. */
export default function WarningEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const existing = useWarning(id, !!id);
  const me = useMe();

  if (id && existing.isPending) return <RecordLoading />;
  if (id && existing.isError) return <RecordError error={existing.error} back={{ to: '/warnings', label: t('warnings.backToList') }} />;
  const w = existing.data;
  if (w && !w.abilities?.edit)
    return <NotEditable title={t('warnings.notEditable')} back={{ to: `/warnings/${w.id}`, label: t('warnings.backToDetail') }} />;
  return <WarningForm key={w ? `${w.id}:${w.version}` : 'new'} warning={w} orgName={w?.orgName ?? me.data?.org.name ?? ''} />;
}

function WarningForm({ warning, orgName }: { warning: WarningDto | undefined; orgName: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<WarningFormValues>();
  const initial: WarningFormValues = warning
    ? toWarningFormValues(warning, pickerValue)
    : { channels: ['in_app'], expires: beijingNow().add(24, 'hour').startOf('hour'), withEnglish: false };

  const save = useMutation({
    mutationFn: (v: WarningFormValues) => {
      const body = toWarningRequest(v);
      return warning ? updateWarning(warning.id, { ...body, version: warning.version }) : createWarning(body);
    },
    meta: { silent: true },
    onSuccess: async (saved) => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: WARNINGS_KEY });
      void navigate(`/warnings/${saved.id}`);
    },
    onError: (e) => {
      const fields = warningFieldErrors(e);
      if (fields.length) (form as FormInstance).setFields(fields);
      else notifyError(e);
    },
  });

  return (
    <div data-testid="warning-edit-page">
      <PageHeader
        title={
          <Space>
            <Link to={warning ? `/warnings/${warning.id}` : '/warnings'} aria-label={t('warnings.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            {warning ? t('warnings.editTitle') : t('warnings.create')}
          </Space>
        }
      />
      <Form<WarningFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        onKeyDown={preventEnterSubmit}
        scrollToFirstError
        data-testid="warning-form"
      >
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('warnings.sections.content')} style={{ marginBottom: 16 }}>
              <WarningContentFields orgName={orgName} />
            </Card>
            <Card size="small" title={t('warnings.sections.english')} style={{ marginBottom: 16 }}>
              <WarningEnglishFields />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('warnings.sections.area')} style={{ marginBottom: 16 }}>
              <WarningAreaFields />
            </Card>
            <Card size="small" title={t('warnings.sections.timeAndChannels')} style={{ marginBottom: 16 }}>
              <WarningTimeFields />
            </Card>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} data-testid="warning-save">
            {t('warnings.saveDraft')}
          </Button>
          <Button onClick={() => form.resetFields()}>{t('common.reset')}</Button>
        </Space>
      </Form>
    </div>
  );
}
