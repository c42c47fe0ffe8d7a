import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEntryDto } from '@vigil/shared';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { formatBeijing } from '../../lib/time';
import { CursorPager } from '../../ui/CursorPager';
import { PageHeader } from '../../ui/PageHeader';
import { AuditFilterBar } from './AuditFilterBar';
import { AuditDetail } from './AuditDetail';
import { AUDIT_KEY, exportAudit, fetchAudit, verifyAudit } from './audit.api';
import { toAuditFilters, type AuditFilters } from './audit-query';

const RESULT_COLOR = { ok: 'green', denied: 'orange', failed: 'red' } as const;

/** 审计日志: search the tamper-evident log, see before/after of each change, export to Excel, verify the hash chain. */
export default function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(50);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...AUDIT_KEY, filters, limit, cursor],
    queryFn: () => fetchAudit({ ...filters, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: verifyAudit });
  const exporting = useMutation({ mutationFn: exportAudit });

  return (
    <div data-testid="audit-page">
      <PageHeader
        title={t('audit.title')}
        extra={
          <>
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
            {can(me.data, 'audit.export') && (
              <Button
                icon={<DownloadOutlined />}
                loading={exporting.isPending}
                onClick={() => exporting.mutate(filters)}
                data-testid="audit-export"
              >
                {t('audit.export')}
              </Button>
            )}
          </>
        }
      />
      {verify.data && (
        <Alert
          closable={{ onClose: () => verify.reset() }}
          showIcon
          style={{ marginBottom: 12 }}
          type={verify.data.ok ? 'success' : 'error'}
          data-testid="audit-verify-result"
          title={
            verify.data.ok
              ? t('audit.verifyOk', { count: verify.data.checked })
              : t('audit.verifyBad', { seq: verify.data.firstBadSeq ?? '?', problem: verify.data.problem ?? '' })
          }
        />
      )}
      <Card size="small">
        <AuditFilterBar
          onSearch={(v) => {
            setFilters(toAuditFilters(v));
            setPages(FIRST_PAGE);
          }}
        />
        <Table<AuditEntryDto>
          rowKey="seq"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          expandable={{ expandedRowRender: (r) => <AuditDetail entry={r} /> }}
          data-testid="audit-table"
          columns={[
            { title: '#', dataIndex: 'seq', width: 80 },
            { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatBeijing(v) },
            { title: t('audit.actor'), dataIndex: 'actorName', width: 120, render: (v: string | null) => v ?? '—' },
            { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <code>{v}</code> },
            {
              title: t('audit.entity'),
              key: 'entity',
              render: (_, r) =>
                r.entity ? (
                  <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                    {r.entity}
                    {r.entityId ? ` · ${r.entityId}` : ''}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            {
              title: t('audit.result'),
              dataIndex: 'result',
              width: 90,
              render: (v: AuditEntryDto['result']) => <Tag color={RESULT_COLOR[v]}>{t(`audit.results.${v}`)}</Tag>,
            },
            { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
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
      </Card>
    </div>
  );
}
