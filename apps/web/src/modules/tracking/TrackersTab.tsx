import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TRACKER_SUBJECT_ZH, type TrackerDto } from '@vigil/shared';
import { Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { showFormError } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { useLivePage } from '../../lib/useLivePage';
import { CursorPager } from '../../ui/CursorPager';
import { OnceSecretModal } from '../../ui/OnceSecretModal';
import { fetchResources, RESOURCES_KEY } from '../resources/resources.api';
import { createTracker, fetchTrackers, rotateTrackerSecret, TRACKING_KEY, updateTracker } from './tracking.api';

function SubjectSelect(props: { kind: 'team' | 'equipment'; value?: string; onChange?: (v: string | undefined) => void }) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: [...RESOURCES_KEY, props.kind, 'pick', q],
    queryFn: () => fetchResources(props.kind, { q: q || undefined, limit: 20, sort: 'name', order: 'asc' }),
    staleTime: 30_000,
    meta: { silent: true },
  });
  return (
    <Select
      value={props.value}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      options={(list.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.orgName}）` }))}
      showSearch={{ onSearch: setQ, filterOption: false }}
      loading={list.isFetching}
      allowClear
      data-testid="tracker-subject"
    />
  );
}

interface CreateValues {
  code: string;
  name: string;
  subjectKind: 'team' | 'equipment';
  subjectId: string;
}

/** 定位终端: the registry of GPS trackers, with registration (secret shown once), disable/enable and secret reset. */
export function TrackersTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const mayManage = can(me.data, 'command.dispatch');
  const [filters, setFilters] = useState<{ q?: string; stale?: string; status?: string }>({});
  const { list, pager } = useLivePage({ queryKey: TRACKING_KEY, topic: 'tracking', filters, fetch: fetchTrackers });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<CreateValues>();
  const kind = Form.useWatch('subjectKind', form) ?? 'team';
  const refresh = () => void qc.invalidateQueries({ queryKey: TRACKING_KEY });

  const submit = async (v: CreateValues) => {
    try {
      const r = await createTracker(v);
      setCreating(false);
      form.resetFields();
      setSecret(r.secret);
      refresh();
    } catch (err) {
      if (!showFormError(form, err)) notifyError(err);
    }
  };
  const toggle = async (r: TrackerDto) => {
    try {
      await updateTracker(r.id, { status: r.status === 'active' ? 'disabled' : 'active', version: r.version });
      notifySuccess(t(r.status === 'active' ? 'tracking.disabledOk' : 'tracking.enabledOk'));
      refresh();
    } catch (err) {
      notifyError(err);
    }
  };
  const rotate = (r: TrackerDto) =>
    Modal.confirm({
      title: t('tracking.rotateConfirm', { code: r.code }),
      onOk: async () => {
        try {
          setSecret((await rotateTrackerSecret(r.id)).secret);
        } catch (err) {
          notifyError(err);
        }
      },
    });

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('tracking.search')}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q || undefined }))}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('tracking.freshness')}
          style={{ width: 140 }}
          onChange={(v: string | undefined) => setFilters((f) => ({ ...f, stale: v }))}
          options={[
            { value: 'false', label: t('tracking.live') },
            { value: 'true', label: t('tracking.stale') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('tracking.statusLabel')}
          style={{ width: 120 }}
          onChange={(v: string | undefined) => setFilters((f) => ({ ...f, status: v }))}
          options={[
            { value: 'active', label: t('tracking.status.active') },
            { value: 'disabled', label: t('tracking.status.disabled') },
          ]}
        />
        {mayManage && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="tracker-create">
            {t('tracking.register')}
          </Button>
        )}
      </Space>
      <Table<TrackerDto>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('tracking.code'), dataIndex: 'code' },
          { title: t('tracking.name'), dataIndex: 'name' },
          { title: t('tracking.subjectLabel'), render: (_, r) => `${TRACKER_SUBJECT_ZH[r.subjectKind]} · ${r.subjectName}` },
          {
            title: t('tracking.lastFix'),
            render: (_, r) =>
              r.last ? <span title={`${r.last.lng.toFixed(5)}, ${r.last.lat.toFixed(5)}`}>{formatBeijing(r.last.at)}</span> : '—',
          },
          {
            title: t('tracking.statusLabel'),
            render: (_, r) => (
              <Space size={4}>
                <Tag color={r.status === 'active' ? 'green' : 'default'}>{t(`tracking.status.${r.status}`)}</Tag>
                {r.status === 'active' && <Tag color={r.stale ? 'default' : 'blue'}>{t(r.stale ? 'tracking.stale' : 'tracking.live')}</Tag>}
              </Space>
            ),
          },
          { title: t('tracking.refused'), dataIndex: 'refusedCount', width: 90 },
          {
            title: t('common.actions'),
            render: (_, r) =>
              r.abilities.manage ? (
                <Space size={4}>
                  <Button size="small" onClick={() => void toggle(r)}>
                    {t(r.status === 'active' ? 'tracking.disable' : 'tracking.enable')}
                  </Button>
                  <Button size="small" onClick={() => rotate(r)}>
                    {t('tracking.rotate')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <CursorPager {...pager} />
      <Modal open={creating} title={t('tracking.register')} onCancel={() => setCreating(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ subjectKind: 'team' }}>
          <Form.Item
            name="code"
            label={t('tracking.code')}
            rules={[{ required: true, message: t('tracking.codeRequired') }]}
            extra={t('tracking.codeHint')}
          >
            <Input data-testid="tracker-code" maxLength={64} />
          </Form.Item>
          <Form.Item name="name" label={t('tracking.name')} rules={[{ required: true, message: t('tracking.nameRequired') }]}>
            <Input data-testid="tracker-name" maxLength={100} />
          </Form.Item>
          <Form.Item name="subjectKind" label={t('tracking.subjectKind')}>
            <Select
              options={[
                { value: 'team', label: TRACKER_SUBJECT_ZH.team },
                { value: 'equipment', label: TRACKER_SUBJECT_ZH.equipment },
              ]}
              onChange={() => form.setFieldValue('subjectId', undefined)}
            />
          </Form.Item>
          <Form.Item
            name="subjectId"
            label={t('tracking.subjectLabel')}
            rules={[{ required: true, message: t('tracking.subjectRequired') }]}
          >
            <SubjectSelect kind={kind} />
          </Form.Item>
        </Form>
      </Modal>
      <OnceSecretModal
        open={!!secret}
        title={t('tracking.secretTitle')}
        hint={t('tracking.secretHint')}
        secret={secret}
        onClose={() => setSecret(null)}
        testId="tracker-secret"
      />
    </>
  );
}
