import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Result } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { applyLocale } from '../lib/i18n';
import { errorText } from '../lib/notify';
import { useRealtimeConnection } from '../lib/useRealtime';
import { AppHeader } from './AppHeader';
import { PageSpinner } from './Guarded';
import { SideMenu } from './SideMenu';
import { ME_KEY, useMe } from './session';
import './layout.css';

/** The signed-in frame: left menu, header, page. Sends anyone not fully signed in to /login. */
export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const [collapsed, setCollapsed] = useState(false);
  // Below the md breakpoint (phones) the menu folds away entirely and opens from its tab.
  const [narrow, setNarrow] = useState(false);
  const active = me.data?.stage === 'active';
  const qc = useQueryClient();
  const status = useRealtimeConnection(active, () => void qc.invalidateQueries({ queryKey: ME_KEY }));
  const userId = me.data?.user.id;
  const userLocale = me.data?.user.locale;

  useEffect(() => {
    if (userId && userLocale) void applyLocale(userLocale);
  }, [userId, userLocale]);

  if (me.isPending) return <PageSpinner />;
  if (me.isError)
    return (
      <Result
        status="error"
        title={t('errors.crashed')}
        subTitle={errorText(me.error)}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  if (!me.data || !active) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;

  return (
    <Layout className="vg-shell">
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="md"
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        collapsedWidth={narrow ? 0 : 80}
        width={220}
        theme="dark"
        className={narrow ? 'vg-sider-narrow' : undefined}
      >
        <div className="vg-brand" title={t('app.name')}>
          <span className="vg-brand-mark">V</span>
          {!collapsed && <span className="vg-brand-text">{t('app.shortName')}</span>}
        </div>
        <SideMenu permissions={me.data.permissions} />
      </Layout.Sider>
      <Layout>
        <AppHeader me={me.data} realtime={status} />
        <Layout.Content className="vg-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
