import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session';
import { CursorPager } from '../../ui/CursorPager';
import { PageHeader } from '../../ui/PageHeader';
import type { WarningFilters } from './warning-filters';
import { useWarningPage } from './useWarningPage';
import { WarningTable } from './WarningTable';

const SUBMITTED: WarningFilters = { status: 'submitted' };

/** 预警审批: warnings submitted for approval in the user's scope; orange and red ones are marked as needing a leader. */
export default function WarningApprovalsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { list, pager } = useWarningPage(SUBMITTED);
  return (
    <div data-testid="warning-approvals-page">
      <PageHeader
        title={
          <Space>
            <Link to="/warnings" aria-label={t('warnings.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            {t('warnings.approvals.title')}
          </Space>
        }
      />
      <Card size="small">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={can(me.data, 'warning.approve_major') ? t('warnings.approvals.hintLeader') : t('warnings.approvals.hint')}
        />
        <WarningTable items={list.data?.items ?? []} loading={list.isFetching} showLeaderHint />
        <CursorPager {...pager} />
      </Card>
    </div>
  );
}
