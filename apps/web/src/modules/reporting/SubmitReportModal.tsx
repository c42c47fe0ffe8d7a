import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { REPORT_KINDS, type IncidentDto, type ReportKind } from '@vigil/shared';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { beijingWallToIso } from '../incidents/incident-format';
import { fetchAttachments, INCIDENTS_KEY } from '../incidents/incidents.api';
import { disabledFuture, type Dayjs } from '../incidents/picker-time';
import { REPORTS_KEY, submitReport } from './reporting.api';

interface Values {
  kind: ReportKind;
  text: string;
  phoneReportedAt?: Dayjs | null;
  attachmentIds?: string[];
}

/** Sends a report (首报/续报/补报/终报) on the incident from the user's org to its parent; the figures are copied by the server. */
export function SubmitReportModal(props: { incident: IncidentDto; open: boolean; suggested: ReportKind; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const i = props.incident;
  const attachments = useQuery({
    queryKey: [...INCIDENTS_KEY, 'attachments', i.id],
    queryFn: () => fetchAttachments(i.id),
    enabled: props.open,
  });
  const send = useMutation({
    mutationFn: (v: Values) =>
      submitReport(i.id, {
        kind: v.kind,
        text: v.text.trim(),
        ...(v.kind === 'first' && v.phoneReportedAt
          ? { phoneReportedAt: beijingWallToIso(v.phoneReportedAt.format('YYYY-MM-DD HH:mm:ss')) }
          : {}),
        ...(v.attachmentIds?.length ? { attachmentIds: v.attachmentIds } : {}),
      }),
    meta: { silent: true },
    onSuccess: async (r) => {
      notifySuccess(t('reports.submitted', { kind: t(`reports.reportKinds.${r.kind}`), to: r.toOrg.name }));
      await qc.invalidateQueries({ queryKey: REPORTS_KEY });
      await qc.invalidateQueries({ queryKey: [...INCIDENTS_KEY, 'timeline', i.id] });
      props.onClose();
    },
    onError: (e) => showFormError(form, e),
  });

  return (
    <Modal
      open={props.open}
      title={t('reports.submitTitle', { title: i.title })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'report-send' }}
      confirmLoading={send.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: props.suggested, text: '' }}
        onFinish={(v) => send.mutate(v)}
        data-testid="report-form"
      >
        <Form.Item name="kind" label={t('reports.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={REPORT_KINDS.map((k) => ({ value: k, label: t(`reports.reportKinds.${k}`) }))} data-testid="report-kind" />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('reports.text')}
          extra={t('reports.snapshotHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={6} maxLength={5000} showCount data-testid="report-text" />
        </Form.Item>
        {kind === 'first' && (
          <Form.Item name="phoneReportedAt" label={t('reports.phoneReportedAt')} extra={t('reports.phoneHint')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={disabledFuture} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {(attachments.data?.length ?? 0) > 0 && (
          <Form.Item name="attachmentIds" label={t('reports.attachments')}>
            <Select mode="multiple" allowClear options={(attachments.data ?? []).map((a) => ({ value: a.id, label: a.fileName }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
