import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { relativeTime } from '../../lib/time';
import { useRealtime } from '../../lib/useRealtime';
import { fetchLatest, fetchUnreadCount, markAllRead, markRead, NOTIFICATIONS_KEY, type NotificationDto } from './notifications.api';

const SEVERITY_COLOR = { info: '#1f5fbf', warning: '#d48806', critical: '#cf1322' } as const;

/** The header bell: unread count, the latest notifications, live over the WebSocket. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const count = useQuery({ queryKey: [...NOTIFICATIONS_KEY, 'unread'], queryFn: fetchUnreadCount, meta: { silent: true } });
  const list = useQuery({ queryKey: [...NOTIFICATIONS_KEY, 'latest'], queryFn: () => fetchLatest(10), enabled: open });
  const refresh = () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const readOne = useMutation({ mutationFn: markRead, onSuccess: refresh });
  const readAll = useMutation({ mutationFn: markAllRead, onSuccess: refresh });

  useRealtime('notifications', (e) => {
    void refresh();
    const title = (e.payload as { title?: unknown } | null)?.title;
    if (typeof title === 'string' && e.name.endsWith('created')) void message.info(title);
  });

  const openItem = (n: NotificationDto) => {
    if (!n.readAt) readOne.mutate(n.id);
    if (n.link?.startsWith('/')) {
      setOpen(false);
      void navigate(n.link);
    }
  };

  const items = list.data?.items ?? [];
  const content = (
    <div className="vg-notice" data-testid="notification-list">
      {list.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        items.map((n) => (
          <div
            key={n.id}
            className={`vg-notice-item${n.readAt ? '' : ' unread'}`}
            data-testid="notification-item"
            onClick={() => openItem(n)}
            style={{ borderLeft: `3px solid ${SEVERITY_COLOR[n.severity] ?? SEVERITY_COLOR.info}`, paddingLeft: 8 }}
          >
            <div className="vg-notice-title">{n.title}</div>
            {n.body && (
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                {n.body}
              </Typography.Paragraph>
            )}
            <div className="vg-notice-meta">
              {relativeTime(n.createdAt, new Date(), i18n.language)}
              {!n.readAt && (
                <Button
                  type="link"
                  size="small"
                  onClick={(ev) => {
                    ev.stopPropagation();
                    readOne.mutate(n.id);
                  }}
                >
                  {t('notifications.markRead')}
                </Button>
              )}
            </div>
          </div>
        ))
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span>{t('notifications.title')}</span>
          <Button size="small" type="link" disabled={!count.data} loading={readAll.isPending} onClick={() => readAll.mutate()}>
            {t('notifications.readAll')}
          </Button>
        </div>
      }
      content={content}
    >
      <Badge count={count.data ?? 0} size="small" offset={[-2, 4]}>
        <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={t('notifications.title')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
