import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Space, Switch, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { shareMyPosition } from './tracking.api';

/** At most one position every this many ms while sharing (the phone's GPS reports far more often). */
const EVERY_MS = 10_000;

/**
 * 共享我的位置 on a team leader's phone: while switched on, the browser's position is sent at once
 * and then at most every 10 s — a fix arriving sooner is held and sent when the interval is up, so
 * the last place reached is never lost — and the command room sees the team move. Shows the last
 * sent time or why the last one was refused.
 */
export function SharePositionButton() {
  const { t } = useTranslation();
  const [on, setOn] = useState(false);
  const [last, setLast] = useState<{ at: Date; error?: string } | null>(null);
  const sentAt = useRef(0);
  const supported = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  useEffect(() => {
    if (!on || !supported) return;
    let held: GeolocationPosition | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const post = (p: GeolocationPosition) => {
      sentAt.current = Date.now();
      const c = p.coords;
      shareMyPosition({
        lng: c.longitude,
        lat: c.latitude,
        ...(Number.isFinite(c.accuracy) ? { accuracy: Math.min(c.accuracy, 100_000) } : {}),
        ...(c.speed !== null && Number.isFinite(c.speed) && c.speed >= 0 ? { speed: c.speed } : {}),
        ...(c.heading !== null && Number.isFinite(c.heading) && c.heading >= 0 ? { heading: c.heading } : {}),
      }).then(
        () => setLast({ at: new Date() }),
        (err: unknown) => setLast({ at: new Date(), error: errorText(err) }),
      );
    };
    const send = (p: GeolocationPosition) => {
      const wait = sentAt.current + EVERY_MS - Date.now();
      if (wait <= 0) return post(p);
      held = p;
      timer ??= setTimeout(() => {
        timer = null;
        if (held) post(held);
        held = null;
      }, wait);
    };
    const watch = navigator.geolocation.watchPosition(
      send,
      (e) => setLast({ at: new Date(), error: e.message || t('tracking.geoDenied') }),
      {
        enableHighAccuracy: true,
        maximumAge: 10_000,
        timeout: 30_000,
      },
    );
    return () => {
      navigator.geolocation.clearWatch(watch);
      if (timer) clearTimeout(timer);
    };
  }, [on, supported, t]);

  if (!supported) return null;
  return (
    <Space wrap data-testid="share-position">
      <EnvironmentOutlined />
      <Typography.Text>{t('tracking.share')}</Typography.Text>
      <Switch
        checked={on}
        onChange={(v) => {
          sentAt.current = 0;
          setOn(v);
        }}
        data-testid="share-position-switch"
      />
      {last && !last.error && (
        <Typography.Text type="secondary" data-testid="share-position-status">
          {t('tracking.sentAt', { time: formatBeijing(last.at) })}
        </Typography.Text>
      )}
      {last?.error && (
        <Typography.Text type="danger" data-testid="share-position-error">
          {last.error}
        </Typography.Text>
      )}
      {on && !last && <Button size="small" type="text" loading />}
    </Space>
  );
}
