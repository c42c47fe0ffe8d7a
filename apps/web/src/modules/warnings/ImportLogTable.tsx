import type { ImportOutcome, WarningFeedDto } from '@vigil/shared';
import { useQuery } from '@tanstack/react-query';
import { Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { fetchImportLog, IMPORTS_KEY, type ImportLogEntry } from './warnings.api';
import { SignatureTag } from './WarningTags';

const OUTCOME_TAG: Record<ImportOutcome, string> = {
  created: 'green',
  updated: 'blue',
  cancelled: 'orange',
  duplicate: 'default',
  rejected: 'red',
};

export function OutcomeTag({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation();
  return (
    <Tag color={OUTCOME_TAG[outcome]} data-outcome={outcome}>
      {t(`warnings.imports.outcomes.${outcome}`)}
    </Tag>
  );
}

/** The import log, newest first (uploads and feed items, the refused ones with their reason); filter by feed. */
export function ImportLogTable({ feeds }: { feeds: WarningFeedDto[] }) {
  const { t } = useTranslation();
  const [feedId, setFeedId] = useState<string | undefined>();
  const log = useQuery({ queryKey: [...IMPORTS_KEY, feedId ?? 'all'], queryFn: () => fetchImportLog(feedId) });
  const feedName = (id: string | null) => (id ? (feeds.find((f) => f.id === id)?.name ?? '—') : t('warnings.imports.manual'));
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Select
          allowClear
          placeholder={t('warnings.imports.allFeeds')}
          value={feedId}
          onChange={setFeedId}
          options={feeds.map((f) => ({ value: f.id, label: f.name }))}
          style={{ width: 220 }}
          data-testid="import-log-feed"
        />
      </Space>
      <Table<ImportLogEntry>
        rowKey="id"
        size="small"
        loading={log.isFetching}
        dataSource={log.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        onRow={(r) => ({ 'data-testid': 'import-log-row', 'data-outcome': r.outcome }) as React.HTMLAttributes<HTMLElement>}
        data-testid="import-log"
        columns={[
          { title: t('warnings.imports.receivedAt'), dataIndex: 'receivedAt', width: 140, render: (v: string) => formatBeijing(v, false) },
          { title: t('warnings.imports.feed'), dataIndex: 'feedId', width: 140, ellipsis: true, render: feedName },
          {
            title: t('warnings.imports.outcome'),
            dataIndex: 'outcome',
            width: 90,
            render: (o: ImportOutcome) => <OutcomeTag outcome={o} />,
          },
          {
            title: t('warnings.fields.identifier'),
            dataIndex: 'identifier',
            width: 220,
            ellipsis: true,
            render: (v: string | null) => v ?? '—',
          },
          { title: t('warnings.fields.issuer'), dataIndex: 'sender', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('warnings.imports.msgType'), dataIndex: 'msgType', width: 80, render: (v: string | null) => v ?? '—' },
          {
            title: t('warnings.fields.signature'),
            dataIndex: 'signatureStatus',
            width: 90,
            render: (_, r) => <SignatureTag status={r.signatureStatus} />,
          },
          {
            title: t('warnings.imports.error'),
            dataIndex: 'error',
            width: 260,
            render: (_, r) =>
              r.error ? (
                <Typography.Text type="danger" className="vg-warning-text">
                  {r.error}
                </Typography.Text>
              ) : r.warningId ? (
                <Link to={`/warnings/${r.warningId}`}>{t('common.view')}</Link>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </>
  );
}
