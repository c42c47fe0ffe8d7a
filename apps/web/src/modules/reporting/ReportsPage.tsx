import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Empty, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useRealtime } from '../../lib/useRealtime';
import { PageHeader } from '../../ui/PageHeader';
import { InstructionItem } from './InstructionItem';
import { OverdueBoard } from './OverdueBoard';
import { ReportInbox } from './ReportInbox';
import { fetchMyInstructions, INSTRUCTIONS_KEY, REPORTS_KEY } from './reporting.api';
import { ReportStats } from './ReportStats';
import '../incidents/incidents.css';

const TABS = ['inbox', 'overdue', 'stats', 'instructions'] as const;
type Tab = (typeof TABS)[number];

/** Instructions my org or I still have to acknowledge or answer. */
function MyInstructions() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: [...INSTRUCTIONS_KEY, 'mine'], queryFn: () => fetchMyInstructions({ open: 'true', limit: 100 }) });
  if (list.isPending) return <Spin />;
  const items = list.data?.items ?? [];
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('instructions.noneOpen')} />;
  return (
    <div data-testid="my-instructions">
      {items.map((i) => (
        <InstructionItem key={i.id} instruction={i} showIncident />
      ))}
    </div>
  );
}

/** 报送: the inbox of received reports, the overdue board, on-time statistics and my open instructions; live. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const active: Tab = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'inbox';
  useRealtime('reports', () => void qc.invalidateQueries({ queryKey: REPORTS_KEY }));
  useRealtime('instructions', () => void qc.invalidateQueries({ queryKey: INSTRUCTIONS_KEY }));

  return (
    <div data-testid="reports-page">
      <PageHeader title={t('reports.title')} />
      <Card size="small">
        <Tabs
          activeKey={active}
          onChange={(k) => void navigate(`/reports/${k}`)}
          destroyOnHidden
          items={[
            { key: 'inbox', label: t('reports.tabs.inbox'), children: <ReportInbox /> },
            { key: 'overdue', label: t('reports.tabs.overdue'), children: <OverdueBoard /> },
            { key: 'stats', label: t('reports.tabs.stats'), children: <ReportStats /> },
            { key: 'instructions', label: t('reports.tabs.instructions'), children: <MyInstructions /> },
          ]}
        />
      </Card>
    </div>
  );
}
