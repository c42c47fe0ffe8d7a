import { WS_CLOSE } from '@vigil/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, CLOSE_UNAUTHENTICATED, defaultSocketUrl, RealtimeClient, type SocketLike } from './realtime';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  // server side of the fake
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

let sockets: FakeSocket[];
const last = () => sockets[sockets.length - 1]!;
const client = () =>
  new RealtimeClient({
    url: 'ws://vigil.test/api/v1/ws',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    random: () => 0.5,
  });

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('backoffDelay', () => {
  it('doubles from 1 s up to a 30 s cap, with at most ±20 % jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, 1000, 30_000, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect(backoffDelay(2, 1000, 30_000, () => 0)).toBe(3200);
    expect(backoffDelay(2, 1000, 30_000, () => 1)).toBe(4800);
  });
});

describe('RealtimeClient', () => {
  it('subscribes to its topics on open and delivers events of those topics only', () => {
    const rt = client();
    const seen: string[] = [];
    rt.subscribe('notifications', (e) => seen.push(`${e.topic}:${e.name}`));
    rt.start();
    last().open();
    expect(last().sent).toEqual([{ type: 'subscribe', topics: ['notifications'] }]);
    last().receive({ type: 'ready', topics: ['notifications'] });
    last().receive({ type: 'event', topic: 'notifications', name: 'notification.created', at: '2026-01-01T00:00:00Z', payload: {} });
    last().receive({ type: 'event', topic: 'audit', name: 'x', at: '', payload: {} });
    last().onmessage?.({ data: 'not json' });
    expect(seen).toEqual(['notifications:notification.created']);
    rt.stop();
  });

  it('reconnects with growing delays and re-subscribes every topic after reconnecting', () => {
    const rt = client();
    rt.subscribe('notifications', () => {});
    rt.start();
    last().open();
    rt.subscribe('incident', () => {});
    expect(last().sent).toContainEqual({ type: 'subscribe', topics: ['incident'] });

    last().drop();
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);

    last().drop(); // failed again before opening: wait 2 s
    vi.advanceTimersByTime(1999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);

    last().open();
    expect(last().sent).toEqual([{ type: 'subscribe', topics: ['notifications', 'incident'] }]);
    last().receive({ type: 'ready', topics: ['notifications', 'incident'] });
    expect(rt.retries).toBe(0);
    last().drop(); // after a good connection the back-off starts again at 1 s
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(4);
    rt.stop();
  });

  it('pings every 25 s while open', () => {
    const rt = client();
    rt.start();
    last().open();
    vi.advanceTimersByTime(50_000);
    expect(last().sent).toEqual([{ type: 'ping' }, { type: 'ping' }]);
    rt.stop();
  });

  it('unsubscribes from a topic when its last listener leaves', () => {
    const rt = client();
    const off1 = rt.subscribe('orgs', () => {});
    const off2 = rt.subscribe('orgs', () => {});
    rt.start();
    last().open();
    off1();
    expect(last().sent).toEqual([{ type: 'subscribe', topics: ['orgs'] }]);
    off2();
    expect(last().sent).toEqual([
      { type: 'subscribe', topics: ['orgs'] },
      { type: 'unsubscribe', topics: ['orgs'] },
    ]);
    rt.stop();
  });

  it('does not reconnect after stop (logout)', () => {
    const rt = client();
    rt.start();
    last().open();
    rt.stop();
    expect(last().closed).toBe(true);
    vi.advanceTimersByTime(120_000);
    expect(sockets).toHaveLength(1);
  });

  it('tells the app when the server closes for an ended session, and keeps retrying', () => {
    expect(CLOSE_UNAUTHENTICATED).toBe(WS_CLOSE.unauthenticated);
    const rt = client();
    const unauth = vi.fn();
    rt.onUnauthenticated(unauth);
    rt.start();
    last().open();
    last().drop(1006);
    expect(unauth).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    last().open();
    last().drop(CLOSE_UNAUTHENTICATED);
    expect(unauth).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2000);
    expect(sockets).toHaveLength(3);
    rt.stop();
  });

  it('builds the same-origin URL', () => {
    expect(defaultSocketUrl({ protocol: 'https:', host: 'vigil.qz.gov.cn' })).toBe('wss://vigil.qz.gov.cn/api/v1/ws');
    expect(defaultSocketUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/api/v1/ws');
  });
});
