import { WS_CLOSE, WsClientMessage, type WsServerMessage } from '@vigil/shared';
import type { RawData, WebSocket } from 'ws';
import type { Actor } from '../auth/actor.js';
import type { Platform } from '../ctx.js';
import type { DomainEvent } from '../events/bus.js';
import { mayReceive, toWsEvent } from './delivery.js';
import { recheckCredential, type SocketCredential } from './session-check.js';

export interface HubOptions {
  /** How often every socket's session or token is checked again. */
  recheckMs: number;
  /** How often sockets are pinged; one missed pong closes the socket. */
  heartbeatMs: number;
  /** A socket with more unsent bytes than this is closed (slow reader). */
  maxBufferedBytes: number;
  maxTopicsPerSocket: number;
  maxSocketsPerUser: number;
}

export const HUB_DEFAULTS: HubOptions = {
  recheckMs: 60_000,
  heartbeatMs: 30_000,
  maxBufferedBytes: 1024 * 1024,
  maxTopicsPerSocket: 50,
  maxSocketsPerUser: 20,
};

interface Connection {
  socket: WebSocket;
  actor: Actor;
  credential: SocketCredential;
  topics: Set<string>;
  alive: boolean;
}

const OPEN = 1;

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

/**
 * This instance's WebSocket clients. Reads every committed event from the bus (broadcast, so each
 * instance serves its own sockets) and pushes it to the sockets subscribed to its topic whose
 * actor may see it; re-checks sessions periodically and drops dead connections.
 */
export class RealtimeHub {
  private readonly conns = new Set<Connection>();
  private readonly opts: HubOptions;
  private unsubscribe: (() => void) | null = null;
  private timers: NodeJS.Timeout[] = [];
  private rechecking = false;

  constructor(
    private readonly platform: Platform,
    opts: Partial<HubOptions> = {},
  ) {
    this.opts = { ...HUB_DEFAULTS, ...opts };
  }

  /** Number of open sockets (health and tests). */
  get size(): number {
    return this.conns.size;
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.platform.bus.subscribeBroadcast((e) => this.publish(e));
    const every = (ms: number, fn: () => unknown) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.opts.heartbeatMs, () => this.heartbeat());
    every(this.opts.recheckMs, () => void this.recheckAll());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const c of this.conns) c.socket.close(1001, 'server shutting down');
    this.conns.clear();
  }

  /** Takes over an authenticated socket: wires its messages, then says it is ready. */
  accept(socket: WebSocket, actor: Actor, credential: SocketCredential): void {
    const mine = [...this.conns].filter((c) => c.actor.userId === actor.userId);
    if (actor.userId && mine.length >= this.opts.maxSocketsPerUser) {
      socket.close(1008, 'too many connections');
      return;
    }
    const conn: Connection = { socket, actor, credential, topics: new Set(), alive: true };
    this.conns.add(conn);
    socket.on('message', (data, isBinary) => this.onMessage(conn, isBinary ? null : textOf(data)));
    socket.on('pong', () => {
      conn.alive = true;
    });
    socket.on('close', () => this.conns.delete(conn));
    socket.on('error', (err) => this.platform.log.debug({ err }, 'websocket error'));
    this.send(conn, { type: 'ready', topics: [] });
  }

  /** Pushes an event to every subscribed socket whose actor may see it. */
  publish(e: DomainEvent): void {
    let text: string | null = null;
    for (const c of this.conns) {
      if (!c.topics.has(e.topic) || !mayReceive(c.actor, e)) continue;
      text ??= JSON.stringify(toWsEvent(e));
      this.sendText(c, text);
    }
  }

  /** Checks every socket's session or token again; closes those no longer valid, refreshes grants. */
  async recheckAll(): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      for (const c of [...this.conns]) {
        try {
          const actor = await recheckCredential(this.platform, c.credential);
          if (actor) c.actor = actor;
          else this.drop(c, WS_CLOSE.unauthenticated, 'session ended');
        } catch (err) {
          this.platform.log.warn({ err }, 'websocket session re-check failed');
        }
      }
    } finally {
      this.rechecking = false;
    }
  }

  /** Pings every socket; closes those that did not answer the previous ping. */
  heartbeat(): void {
    for (const c of this.conns) {
      if (!c.alive) {
        this.conns.delete(c);
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }

  private drop(c: Connection, code: number, reason: string): void {
    this.conns.delete(c);
    c.socket.close(code, reason);
  }

  private onMessage(c: Connection, text: string | null): void {
    let raw: unknown;
    try {
      if (text === null) throw new Error('binary');
      raw = JSON.parse(text);
    } catch {
      this.send(c, { type: 'error', message: '消息必须是 JSON 文本' });
      return;
    }
    const parsed = WsClientMessage.safeParse(raw);
    if (!parsed.success) {
      this.send(c, { type: 'error', message: `无法识别的消息：${parsed.error.issues[0]?.message ?? '格式错误'}` });
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'ping') return this.send(c, { type: 'pong' });
    if (msg.type === 'subscribe') {
      for (const t of msg.topics) if (c.topics.size < this.opts.maxTopicsPerSocket) c.topics.add(t);
    } else {
      for (const t of msg.topics) c.topics.delete(t);
    }
    this.send(c, { type: 'ready', topics: [...c.topics].sort() });
  }

  private send(c: Connection, msg: WsServerMessage): void {
    this.sendText(c, JSON.stringify(msg));
  }

  private sendText(c: Connection, text: string): void {
    if (c.socket.readyState !== OPEN) return;
    if (c.socket.bufferedAmount > this.opts.maxBufferedBytes) {
      this.drop(c, WS_CLOSE.tooSlow, 'client too slow');
      return;
    }
    c.socket.send(text);
  }
}
