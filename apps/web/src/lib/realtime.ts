import type { WsEvent } from '@vigil/shared';

/** The part of the browser WebSocket the client uses (a fake one in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;
export type EventHandler = (event: WsEvent) => void;
export type RealtimeStatus = 'connecting' | 'open' | 'closed';

export interface RealtimeOptions {
  url: string;
  createSocket?: SocketFactory;
  minDelayMs?: number;
  maxDelayMs?: number;
  pingMs?: number;
  /** 0..1; 0.5 gives the exact back-off (used by tests). */
  random?: () => number;
}

const OPEN = 1;

/** Close code for "no valid signed-in session" (`WS_CLOSE.unauthenticated` in @vigil/shared, kept here so the shell stays free of zod). */
export const CLOSE_UNAUTHENTICATED = 4401;

/** Exponential back-off: `min·2^attempt`, capped at `max`, with ±20 % jitter. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** The app's WebSocket URL on the page's own origin. */
export function defaultSocketUrl(loc: { protocol: string; host: string }): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api/v1/ws`;
}

/**
 * One reconnecting WebSocket for the whole app: topic subscriptions survive reconnects, the
 * server is pinged every 25 s, and a lost connection is retried with exponential back-off.
 */
export class RealtimeClient {
  private socket: SocketLike | null = null;
  private handlers = new Map<string, Set<EventHandler>>();
  private statusListeners = new Set<(s: RealtimeStatus) => void>();
  private unauthListeners = new Set<() => void>();
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private running = false;
  private readonly opts: Required<RealtimeOptions>;

  constructor(opts: RealtimeOptions) {
    this.opts = {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      minDelayMs: 1000,
      maxDelayMs: 30_000,
      pingMs: 25_000,
      random: Math.random,
      ...opts,
    };
  }

  /** Opens the connection (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Closes the connection for good (logout, unmount); no reconnect follows. */
  stop(): void {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopPing();
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.close(1000, 'bye');
    }
    this.setStatus('closed');
  }

  /** Listens to one topic; returns the function that stops listening. */
  subscribe(topic: string, handler: EventHandler): () => void {
    let set = this.handlers.get(topic);
    const isNew = !set;
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
    if (isNew && this.socket?.readyState === OPEN) this.sendJson({ type: 'subscribe', topics: [topic] });
    return () => {
      set.delete(handler);
      if (set.size > 0 || this.handlers.get(topic) !== set) return;
      this.handlers.delete(topic);
      this.sendJson({ type: 'unsubscribe', topics: [topic] });
    };
  }

  /** Reports connection state changes; returns the function that stops reporting. */
  onStatus(fn: (s: RealtimeStatus) => void): () => void {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  /**
   * Called when the server closes the socket because the session is no longer valid; the app
   * checks the session then (and leaves for /login if it has ended). Retrying continues meanwhile.
   */
  onUnauthenticated(fn: () => void): () => void {
    this.unauthListeners.add(fn);
    return () => this.unauthListeners.delete(fn);
  }

  /** The current back-off attempt (0 after a successful connection). */
  get retries(): number {
    return this.attempt;
  }

  private setStatus(s: RealtimeStatus): void {
    for (const fn of this.statusListeners) fn(s);
  }

  private sendJson(msg: unknown): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(msg));
  }

  private connect(): void {
    this.retryTimer = null;
    this.setStatus('connecting');
    let s: SocketLike;
    try {
      s = this.opts.createSocket(this.opts.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = s;
    s.onopen = () => {
      const topics = [...this.handlers.keys()];
      if (topics.length) this.sendJson({ type: 'subscribe', topics });
      this.startPing();
      this.setStatus('open');
    };
    s.onmessage = (ev) => this.dispatch(ev.data);
    s.onerror = () => {
      // onclose follows and schedules the retry.
    };
    s.onclose = (ev) => {
      if (this.socket !== s) return;
      this.socket = null;
      this.stopPing();
      this.setStatus('closed');
      if ((ev as { code?: unknown } | null)?.code === CLOSE_UNAUTHENTICATED) for (const fn of this.unauthListeners) fn();
      if (this.running) this.scheduleReconnect();
    };
  }

  private dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: { type?: unknown; topic?: unknown };
    try {
      msg = JSON.parse(data) as { type?: unknown; topic?: unknown };
    } catch {
      return;
    }
    if (msg.type === 'ready') this.attempt = 0;
    if (msg.type !== 'event' || typeof msg.topic !== 'string') return;
    for (const h of this.handlers.get(msg.topic) ?? []) h(msg as WsEvent);
  }

  private scheduleReconnect(): void {
    if (!this.running || this.retryTimer) return;
    const delay = backoffDelay(this.attempt, this.opts.minDelayMs, this.opts.maxDelayMs, this.opts.random);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private startPing(): void {
    this.stopPing();
    this.pingTimer = setInterval(() => this.sendJson({ type: 'ping' }), this.opts.pingMs);
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }
}
