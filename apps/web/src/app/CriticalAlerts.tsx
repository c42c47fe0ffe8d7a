import { MutedOutlined, SoundOutlined } from '@ant-design/icons';
import type { NotificationCreatedPayload } from '@vigil/shared';
import { App, Button, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useRealtime } from '../lib/useRealtime';
import { playAlertSound, unlockAudio } from './alert-sound';

const MUTE_KEY = 'vigil.alertsMuted';

function storedMute(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

/** Whether a pushed event is a critical notification (new or escalated incident, overdue report, duty check). */
export function isCritical(name: string, payload: unknown): payload is NotificationCreatedPayload {
  return name === 'notification.created' && (payload as { severity?: unknown } | null)?.severity === 'critical';
}

/**
 * The header's sound toggle, and the alarm itself: a critical notification plays a short tone
 * (unless muted) and opens a popup with a link to what it is about.
 */
export function CriticalAlerts() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const [muted, setMuted] = useState(storedMute);

  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);

  useRealtime('notifications', (e) => {
    if (!isCritical(e.name, e.payload)) return;
    const p = e.payload;
    if (!muted) playAlertSound();
    const key = `critical-${e.at}-${p.title}`;
    const link = p.link?.startsWith('/') ? p.link : null;
    notification.error({
      key,
      title: p.title,
      description: p.body,
      duration: 0,
      placement: 'bottomRight',
      props: { 'data-testid': 'critical-alert' },
      actions: link && (
        <Button
          type="primary"
          size="small"
          onClick={() => {
            notification.destroy(key);
            void navigate(link);
          }}
          data-testid="critical-alert-open"
        >
          {t('alerts.open')}
        </Button>
      ),
    });
  });

  const toggle = () => {
    const next = !muted;
    setMuted(next);
    try {
      localStorage.setItem(MUTE_KEY, next ? '1' : '0');
    } catch {
      // private mode: the choice lasts for this page only
    }
    if (!next) unlockAudio();
  };

  return (
    <Tooltip title={muted ? t('alerts.unmute') : t('alerts.mute')}>
      <Button
        type="text"
        shape="circle"
        icon={muted ? <MutedOutlined /> : <SoundOutlined />}
        onClick={toggle}
        aria-label={muted ? t('alerts.unmute') : t('alerts.mute')}
        aria-pressed={muted}
        data-testid="alert-mute"
        data-muted={muted ? 'true' : 'false'}
      />
    </Tooltip>
  );
}
