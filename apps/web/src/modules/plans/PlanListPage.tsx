import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can, useMe } from '../../app/session';
import { CursorPager } from '../../ui/CursorPager';
import { PageHeader } from '../../ui/PageHeader';
import { toPlanFilters, type PlanFilters } from './plan-form';
import { PlanFilterBar } from './PlanFilterBar';
import { PlanImportModal } from './PlanImportModal';
import { PlanTable } from './PlanTable';
import { usePlanPage } from './usePlanPage';

/** 数字预案: every plan version the user may see, filtered and paged; new plans are written or imported here. */
export default function PlanListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<PlanFilters>({});
  const [importing, setImporting] = useState(false);
  const { list, pager } = usePlanPage(filters);
  const manage = can(me.data, 'plan.manage');

  return (
    <div data-testid="plans-page">
      <PageHeader
        title={t('plans.title')}
        extra={
          manage && (
            <>
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="plan-import">
                {t('plans.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/plans/new')} data-testid="plan-create">
                {t('plans.create')}
              </Button>
            </>
          )
        }
      />
      <Card size="small">
        <PlanFilterBar onSearch={(v) => setFilters(toPlanFilters(v))} />
        <PlanTable items={list.data?.items ?? []} loading={list.isFetching} />
        <CursorPager {...pager} />
      </Card>
      {manage && <PlanImportModal open={importing} onClose={() => setImporting(false)} />}
    </div>
  );
}
