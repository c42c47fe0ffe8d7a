import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DUTY_LOG_KINDS, type DutyLogDto, type DutyLogKind } from '@vigil/shared';
import { Button, DatePicker, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { formatBeijing } from '../../lib/time';
import { CursorPager } from '../../ui/CursorPager';
import { beijingWallToIso } from '../incidents/incident-format';
import type { Dayjs } from '../incidents/picker-time';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { DUTY_KEY, fetchLog } from './duty.api';
import { DutyLogModal } from './DutyLogModal';

interface Filters {
  orgId?: string;
  kind?: DutyLogKind;
  q?: string;
  from?: string;
  to?: string;
}

const iso = (d: Dayjs | null | undefined) => (d ? beijingWallToIso(d.format('YYYY-MM-DD HH:mm:ss')) : undefined);

/** 值班日志: calls and events logged by the desks of my subtree, filtered by org, kind, time and text. */
export function DutyLog() {
  const { t } = useTranslation();
  const me = useMe();
  const [filters, setFilters] = useState<Filters>({});
  const [adding, setAdding] = useState(false);
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(50);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...DUTY_KEY, 'log', filters, limit, cursor],
    queryFn: () => fetchLog({ ...filters, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  const filter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPages(FIRST_PAGE);
  };

  return (
    <div data-testid="duty-log">
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgTreeSelect
          allowClear
          placeholder={t('duty.org')}
          value={filters.orgId}
          onChange={(orgId) => filter({ orgId })}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          placeholder={t('duty.logKind')}
          value={filters.kind}
          onChange={(kind: DutyLogKind | undefined) => filter({ kind })}
          options={DUTY_LOG_KINDS.map((k) => ({ value: k, label: t(`duty.logKinds.${k}`) }))}
          style={{ width: 110 }}
        />
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          onChange={(v: [Dayjs | null, Dayjs | null] | null) => filter({ from: iso(v?.[0]), to: iso(v?.[1]) })}
        />
        <Input.Search
          allowClear
          placeholder={t('duty.logSearch')}
          onSearch={(q) => filter({ q: q.trim() || undefined })}
          style={{ width: 200 }}
        />
        {can(me.data, 'duty.sign') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="log-add">
            {t('duty.addLog')}
          </Button>
        )}
      </Space>
      <Table<DutyLogDto>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={() => ({ 'data-testid': 'log-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('duty.logAt'), dataIndex: 'at', width: 140, render: (v: string) => formatBeijing(v, false) },
          { title: t('duty.logKind'), dataIndex: 'kind', width: 80, render: (k: DutyLogKind) => <Tag>{t(`duty.logKinds.${k}`)}</Tag> },
          {
            title: t('duty.caller'),
            key: 'caller',
            width: 170,
            render: (_, l) => [l.caller, l.callerPhone].filter(Boolean).join(' · ') || '—',
          },
          { title: t('duty.summary'), dataIndex: 'summary' },
          {
            title: t('duty.incident'),
            dataIndex: 'incidentId',
            width: 90,
            render: (id: string | null) => (id ? <Link to={`/incidents/${id}`}>{t('common.view')}</Link> : '—'),
          },
          { title: t('duty.org'), dataIndex: 'orgName', width: 150, ellipsis: true },
          { title: t('duty.loggedBy'), key: 'by', width: 90, render: (_, l) => l.createdBy?.name ?? '—' },
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
      <DutyLogModal open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}
