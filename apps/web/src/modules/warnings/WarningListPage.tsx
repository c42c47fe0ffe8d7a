import { AuditOutlined, CloudDownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can, useMe } from '../../app/session';
import { CursorPager } from '../../ui/CursorPager';
import { PageHeader } from '../../ui/PageHeader';
import { toWarningFilters, type WarningFilters } from './warning-filters';
import { useWarningPage } from './useWarningPage';
import { WarningFilterBar } from './WarningFilterBar';
import { WarningTable } from './WarningTable';

/** 预警发布: every warning the user may see (own drafts, published ones, imported ones), filtered and paged. */
export default function WarningListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<WarningFilters>({});
  const { list, pager } = useWarningPage(filters);

  return (
    <div data-testid="warnings-page">
      <PageHeader
        title={t('warnings.title')}
        extra={
          <>
            {can(me.data, 'warning.approve') && (
              <Button icon={<AuditOutlined />} onClick={() => void navigate('/warnings/approvals')} data-testid="warning-approvals-link">
                {t('warnings.approvals.title')}
              </Button>
            )}
            {can(me.data, 'warning.import') && (
              <Button icon={<CloudDownloadOutlined />} onClick={() => void navigate('/warnings/feeds')} data-testid="warning-feeds-link">
                {t('warnings.feeds.title')}
              </Button>
            )}
            {can(me.data, 'warning.draft') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/warnings/new')} data-testid="warning-create">
                {t('warnings.create')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        <WarningFilterBar onSearch={(v) => setFilters(toWarningFilters(v))} />
        <WarningTable items={list.data?.items ?? []} loading={list.isFetching} />
        <CursorPager {...pager} />
      </Card>
    </div>
  );
}
