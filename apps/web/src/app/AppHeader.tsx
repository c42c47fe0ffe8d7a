import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { MeDto } from '@vigil/shared';
import { Avatar, Badge, Button, Layout, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { http, setCsrfToken } from '../lib/api';
import type { RealtimeStatus } from '../lib/realtime';
import { NotificationBell } from '../modules/notifications/NotificationBell';
import { CriticalAlerts } from './CriticalAlerts';
import { LanguageSwitch } from './LanguageSwitch';

const STATUS_BADGE: Record<RealtimeStatus, 'success' | 'processing' | 'default'> = {
  open: 'success',
  connecting: 'processing',
  closed: 'default',
};

/** The top bar: the user's org, live-link status, bell, language, the user and their roles, logout. */
export function AppHeader({ me, realtime }: { me: MeDto; realtime: RealtimeStatus }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);

  const logout = async () => {
    setLeaving(true);
    try {
      await http.post('/auth/logout');
    } catch {
      // the session may already be gone; leave anyway
    }
    setCsrfToken(null);
    qc.clear();
    await navigate('/login', { replace: true });
  };

  return (
    <Layout.Header className="vg-header">
      <div className="vg-header-org" data-testid="header-org">
        {me.org.name}
        {me.user.isDemo && (
          <Tag color="orange" style={{ marginLeft: 8 }}>
            {t('app.demo')}
          </Tag>
        )}
      </div>
      <Space size="middle" className="vg-header-tools">
        <Tooltip title={t(`header.realtime.${realtime}`)}>
          <Badge status={STATUS_BADGE[realtime]} data-testid="realtime-status" />
        </Tooltip>
        <CriticalAlerts />
        <NotificationBell />
        <LanguageSwitch persist />
        <Link to="/account" data-testid="header-user">
          <Space size={6}>
            <Avatar size="small" icon={<UserOutlined />} />
            <span className="vg-header-wide">{me.user.displayName}</span>
          </Space>
        </Link>
        <span data-testid="header-roles" className="vg-header-wide">
          {me.roles.map((r) => (
            <Tag key={r.id} color={r.adminKind ? 'purple' : 'blue'} style={{ marginInlineEnd: 4 }}>
              {r.name}
            </Tag>
          ))}
        </span>
        <Button icon={<LogoutOutlined />} loading={leaving} onClick={() => void logout()} data-testid="logout">
          <span className="vg-header-wide">{t('header.logout')}</span>
        </Button>
      </Space>
    </Layout.Header>
  );
}
