import type { WsEvent } from '@vigil/shared';
import { useEffect, useRef, useState } from 'react';
import { defaultSocketUrl, RealtimeClient, type RealtimeStatus } from './realtime';

let client: RealtimeClient | null = null;

/** The app's one realtime client, created on first use. */
export function realtime(): RealtimeClient {
  client ??= new RealtimeClient({ url: defaultSocketUrl(window.location) });
  return client;
}

/**
 * Keeps the WebSocket open while the signed-in layout is mounted; reports its status.
 * `onUnauthenticated` runs when the server says the session is gone.
 */
export function useRealtimeConnection(enabled: boolean, onUnauthenticated: () => void): RealtimeStatus {
  const [status, setStatus] = useState<RealtimeStatus>('closed');
  const unauthRef = useRef(onUnauthenticated);
  useEffect(() => {
    unauthRef.current = onUnauthenticated;
  });
  useEffect(() => {
    if (!enabled) return;
    const rt = realtime();
    const off = rt.onStatus(setStatus);
    const offAuth = rt.onUnauthenticated(() => unauthRef.current());
    rt.start();
    return () => {
      off();
      offAuth();
      rt.stop();
    };
  }, [enabled]);
  return status;
}

/** Calls `handler` for every event pushed on `topic` while the component is mounted. */
export function useRealtime(topic: string, handler: (e: WsEvent) => void): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => realtime().subscribe(topic, (e) => ref.current(e)), [topic]);
}
