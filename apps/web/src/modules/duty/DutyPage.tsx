import { useQueryClient } from '@tanstack/react-query';
import { Card, Tabs } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useRealtime } from '../../lib/useRealtime';
import { PageHeader } from '../../ui/PageHeader';
import { Checks } from './Checks';
import { DailyReport } from './DailyReport';
import { DUTY_KEY } from './duty.api';
import { DutyLog } from './DutyLog';
import { Handovers } from './Handovers';
import { OnDutyBoard } from './OnDutyBoard';
import { RosterCalendar } from './RosterCalendar';
import { SwapsList } from './SwapsList';
import '../incidents/incidents.css';

const TABS = ['board', 'calendar', 'handovers', 'log', 'checks', 'swaps', 'report'] as const;
type Tab = (typeof TABS)[number];

/** 值班值守: on-duty board, roster calendar, handovers, duty log, checks, swap requests and the daily report; live. */
export default function DutyPage() {
  const { t } = useTranslation();
  const { tab, id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const active: Tab = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'board';

  // One refresh for a burst of duty events (an import creates many shifts).
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRealtime('duty', () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void qc.invalidateQueries({ queryKey: DUTY_KEY });
    }, 500);
  });
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);

  const pane = (k: Tab) => {
    switch (k) {
      case 'board':
        return <OnDutyBoard />;
      case 'calendar':
        return <RosterCalendar />;
      case 'handovers':
        return <Handovers openId={active === 'handovers' ? id : undefined} />;
      case 'log':
        return <DutyLog />;
      case 'checks':
        return <Checks openId={active === 'checks' ? id : undefined} />;
      case 'swaps':
        return <SwapsList />;
      case 'report':
        return <DailyReport />;
    }
  };

  return (
    <div data-testid="duty-page">
      <PageHeader title={t('duty.title')} />
      <Card size="small">
        <Tabs
          activeKey={active}
          onChange={(k) => void navigate(`/duty/${k}`)}
          destroyOnHidden
          items={TABS.map((k) => ({ key: k, label: t(`duty.tabs.${k}`), children: pane(k) }))}
        />
      </Card>
    </div>
  );
}
