import { useQuery } from '@tanstack/react-query';
import type { IncidentDto } from '@vigil/shared';
import { Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import { fetchIncidents } from './incidents.api';

/** Asks for a reason (required or optional) before a step such as 误报 or 结束. */
export function ReasonModal(props: {
  open: boolean;
  title: string;
  required: boolean;
  busy: boolean;
  onOk: (reason: string | undefined) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason?: string }>();
  useEffect(() => {
    if (props.open) form.resetFields();
  }, [props.open, form]);
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={props.busy}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => props.onOk(v.reason?.trim() || undefined)}>
        <Form.Item
          name="reason"
          label={t('incidents.reason')}
          rules={props.required ? [{ required: true, whitespace: true, message: t('incidents.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="incident-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Sets the grade by hand; the reason (at least 4 characters) is kept and audited. */
export function GradeModal(props: {
  incident: IncidentDto;
  open: boolean;
  busy: boolean;
  onOk: (grade: number, reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ grade: number; reason: string }>();
  useEffect(() => {
    if (props.open) form.setFieldsValue({ grade: props.incident.grade ?? undefined, reason: '' });
  }, [props.open, props.incident.grade, form]);
  return (
    <Modal
      open={props.open}
      title={t('incidents.actions.grade')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={props.busy}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => props.onOk(v.grade, v.reason.trim())}>
        <Form.Item name="grade" label={t('incidents.fields.grade')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            options={[1, 2, 3, 4].map((g) => ({ value: g, label: t(`incidents.grades.g${g}`) }))}
            data-testid="incident-grade-select"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('incidents.reason')}
          extra={
            props.incident.computedGrade
              ? t('incidents.computedIs', { grade: t(`incidents.grades.g${props.incident.computedGrade}`) })
              : undefined
          }
          rules={[{ required: true, min: 4, whitespace: true, message: t('incidents.gradeReasonRule') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="incident-grade-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Merges this incident into another one (a duplicate candidate or any incident found by text). */
export function MergeModal(props: {
  incident: IncidentDto;
  open: boolean;
  initialTarget?: string | null;
  busy: boolean;
  onOk: (intoId: string, reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ intoId: string; reason: string }>();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['incidents', 'merge-search', q],
    queryFn: () => fetchIncidents({ q, limit: 20 }),
    enabled: props.open && q.trim().length > 0,
  });
  useEffect(() => {
    if (props.open) form.setFieldsValue({ intoId: props.initialTarget ?? undefined, reason: '' });
  }, [props.open, props.initialTarget, form]);
  const options = new Map<string, string>();
  for (const c of props.incident.duplicateCandidates ?? [])
    options.set(c.id, `${c.title}（${c.orgName} · ${formatBeijing(c.receivedAt, false)}）`);
  for (const i of found.data?.items ?? [])
    if (i.id !== props.incident.id) options.set(i.id, `${i.title}（${i.orgName} · ${formatBeijing(i.receivedAt, false)}）`);
  return (
    <Modal
      open={props.open}
      title={t('incidents.actions.merge')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={props.busy}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => props.onOk(v.intoId, v.reason.trim())}>
        <Form.Item name="intoId" label={t('incidents.mergeTarget')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={found.isFetching}
            placeholder={t('incidents.mergeSearch')}
            options={[...options].map(([value, label]) => ({ value, label }))}
            data-testid="incident-merge-target"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('incidents.reason')}
          rules={[{ required: true, whitespace: true, message: t('incidents.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="incident-merge-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
