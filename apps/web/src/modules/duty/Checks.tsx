import { SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DutyCheckDto, DutyCheckStatus } from '@vigil/shared';
import { Button, Divider, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { CursorPager } from '../../ui/CursorPager';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { CheckStats } from './CheckStats';
import { DUTY_KEY, fetchChecks, sendCheck } from './duty.api';
import { formatSeconds } from './duty-calendar';
import { PendingChecks } from './PendingChecks';

const STATE_COLORS = { pending: 'orange', answered: 'green', missed: 'red' } as const;

function SendCheckModal(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ orgId: string; message: string }>();
  const send = useMutation({
    mutationFn: (v: { orgId: string; message: string }) => sendCheck({ orgId: v.orgId, message: v.message.trim() }),
    meta: { silent: true },
    onSuccess: async (c) => {
      notifySuccess(t('duty.checkSent', { count: c.notifiedCount }));
      await qc.invalidateQueries({ queryKey: DUTY_KEY });
      props.onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Modal
      open={props.open}
      title={t('duty.sendCheck')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={send.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ message: t('duty.checkDefault') }}
        onFinish={(v) => send.mutate(v)}
        data-testid="check-form"
      >
        <Form.Item name="orgId" label={t('duty.checkOrg')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect testId="check-org" />
        </Form.Item>
        <Form.Item
          name="message"
          label={t('duty.checkMessage')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="check-message" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 查岗: answer checks sent to my desk (with a countdown), send checks to lower desks, history and response times. */
export function Checks({ openId }: { openId?: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [sending, setSending] = useState(false);
  const [status, setStatus] = useState<DutyCheckStatus | undefined>();
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...DUTY_KEY, 'checks', status, limit, cursor],
    queryFn: () => fetchChecks({ status, limit, cursor }),
    placeholderData: keepPreviousData,
  });

  return (
    <div data-testid="duty-checks">
      <PendingChecks />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('common.status')}
          value={status}
          onChange={(s: DutyCheckStatus | undefined) => {
            setStatus(s);
            setPages(FIRST_PAGE);
          }}
          options={(['pending', 'answered', 'missed'] as const).map((s) => ({ value: s, label: t(`duty.checkStates.${s}`) }))}
          style={{ width: 120 }}
        />
        {can(me.data, 'duty.manage') && (
          <Button type="primary" icon={<SendOutlined />} onClick={() => setSending(true)} data-testid="check-send">
            {t('duty.sendCheck')}
          </Button>
        )}
      </Space>
      <Table<DutyCheckDto>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        rowClassName={(c) => (c.id === openId ? 'ant-table-row-selected' : '')}
        onRow={(c) => ({ 'data-testid': 'check-row', 'data-status': c.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('duty.sentAt'), dataIndex: 'sentAt', width: 140, render: (v: string) => formatBeijing(v, false) },
          { title: t('duty.org'), dataIndex: 'orgName', width: 160 },
          { title: t('duty.checkMessage'), dataIndex: 'message' },
          { title: t('duty.sentBy'), key: 'by', width: 100, render: (_, c) => c.sentBy.name },
          {
            title: t('common.status'),
            key: 'status',
            width: 120,
            render: (_, c) => (
              <Tag color={c.late ? 'orange' : STATE_COLORS[c.status]}>
                {t(`duty.checkStates.${c.status}`)}
                {c.late ? ` · ${t('duty.checkLate')}` : ''}
              </Tag>
            ),
          },
          { title: t('duty.answeredBy'), key: 'acked', width: 110, render: (_, c) => c.ackedBy?.name ?? '—' },
          {
            title: t('duty.responseTime'),
            dataIndex: 'responseSeconds',
            width: 100,
            render: (v: number | null) => formatSeconds(v, i18n.language),
          },
        ]}
      />
      <CursorPager
        pages={pages}
        onPages={setPages}
        nextCursor={list.data?.nextCursor}
        total={list.data?.total}
        limit={limit}
        onLimit={(n) => {
          setLimit(n);
          setPages(FIRST_PAGE);
        }}
        loading={list.isFetching}
      />
      <Divider />
      <CheckStats />
      <SendCheckModal open={sending} onClose={() => setSending(false)} />
    </div>
  );
}
