import {
  AckPolicy,
  connect,
  DeliverPolicy,
  DiscardPolicy,
  Events,
  nanos,
  RetentionPolicy,
  StorageType,
  type Consumer,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
  type NatsError,
} from 'nats';
import type { Logger } from '../logger.js';
import { deliver, type DomainEvent, type EventBus, type EventHandler } from './bus.js';

/** Names on the NATS side; tests override them to stay apart from a running server. */
export interface NatsBusOptions {
  /** JetStream stream holding every domain event. */
  stream?: string;
  /** Events are published on `<prefix>.<event name>`. */
  subjectPrefix?: string;
  /** Durable consumer shared by all instances' module handlers. */
  durable?: string;
  /** How long the stream keeps events. */
  maxAgeMs?: number;
  /** Wait before restarting a consumer that failed. */
  retryMs?: number;
}

export const NATS_DEFAULTS = {
  stream: 'VIGIL_EVENTS',
  subjectPrefix: 'vigil.events',
  durable: 'vigil-handlers',
  maxAgeMs: 7 * 86_400_000,
  retryMs: 1000,
} as const;

/** The subject an event is published on: `<prefix>.<name>`, with characters NATS reserves replaced. */
export function subjectFor(prefix: string, name: string): string {
  const tokens = name.split('.').map((t) => t.replace(/[^A-Za-z0-9_-]/g, '_') || '_');
  return `${prefix}.${tokens.join('.')}`;
}

/** De-duplication id: the outbox row (id + time) so a re-delivered row is stored once. */
export function messageId(e: DomainEvent): string {
  return `${e.id}-${e.at}`;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isNotFound(err: unknown): boolean {
  const e = err as Partial<NatsError> | undefined;
  return e?.api_error?.code === 404 || e?.code === '404' || /not found/i.test(e?.message ?? '');
}

/** Runs a consumer until stopped, restarting it (after `retryMs`) when it fails. */
class ConsumeLoop {
  private stopped = false;
  private current: ConsumerMessages | null = null;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly label: string,
    private readonly open: () => Promise<Consumer>,
    private readonly onMessage: (m: JsMsg) => Promise<void>,
    private readonly log: Logger,
    private readonly retryMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.stop();
    await this.done;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const consumer = await this.open();
        const messages = await consumer.consume({ max_messages: 100 });
        this.current = messages;
        if (this.stopped) messages.stop();
        for await (const m of messages) await this.onMessage(m);
      } catch (err) {
        if (!this.stopped) this.log.warn({ err, consumer: this.label }, 'NATS consumer failed; retrying');
      }
      this.current = null;
      if (!this.stopped) await new Promise((r) => setTimeout(r, this.retryMs));
    }
  }
}

/** EventBus over NATS JetStream: see `connectNatsBus`. */
class NatsBus implements EventBus {
  readonly kind = 'nats' as const;
  private readonly handlers = new Set<EventHandler>();
  private readonly broadcast = new Set<EventHandler>();
  private handlerLoop: ConsumeLoop | null = null;
  private broadcastLoop: ConsumeLoop | null = null;
  /** Last stream sequence the broadcast consumer saw, to resume after a restart. */
  private lastBroadcastSeq = 0;
  private closed = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly o: Required<NatsBusOptions>,
    private readonly log: Logger,
  ) {}

  /** Creates the stream, or brings an existing one's subjects and limits up to date. */
  async ensureStream(): Promise<void> {
    const limits = {
      subjects: [`${this.o.subjectPrefix}.>`],
      max_age: nanos(this.o.maxAgeMs),
      duplicate_window: nanos(2 * 60_000),
      discard: DiscardPolicy.Old,
    };
    try {
      await this.jsm.streams.info(this.o.stream);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      try {
        await this.jsm.streams.add({ name: this.o.stream, retention: RetentionPolicy.Limits, storage: StorageType.File, ...limits });
        return;
      } catch (addErr) {
        // Another instance created it in the meantime: fall through to the update.
        if (!/already in use/i.test((addErr as Error).message)) throw addErr;
      }
    }
    await this.jsm.streams.update(this.o.stream, limits);
  }

  async publish(e: DomainEvent): Promise<void> {
    const subject = subjectFor(this.o.subjectPrefix, e.name);
    const data = encoder.encode(JSON.stringify(e));
    try {
      await this.js.publish(subject, data, { msgID: messageId(e) });
    } catch (err) {
      // The stream may have been removed by an operator: recreate it once, then retry.
      if ((err as NatsError).code !== '503') throw err;
      await this.ensureStream();
      await this.js.publish(subject, data, { msgID: messageId(e) });
    }
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    if (!this.handlerLoop && !this.closed) {
      this.handlerLoop = new ConsumeLoop(
        'handlers',
        () => this.openDurable(),
        (m) => this.handle(m),
        this.log,
        this.o.retryMs,
      );
      this.handlerLoop.start();
    }
    return () => {
      this.handlers.delete(handler);
      if (this.handlers.size === 0) void this.stopLoop('handlerLoop');
    };
  }

  subscribeBroadcast(handler: EventHandler): () => void {
    this.broadcast.add(handler);
    if (!this.broadcastLoop && !this.closed) {
      this.broadcastLoop = new ConsumeLoop(
        'broadcast',
        () => this.openOrdered(),
        (m) => this.fanOut(m),
        this.log,
        this.o.retryMs,
      );
      this.broadcastLoop.start();
    }
    return () => {
      this.broadcast.delete(handler);
      if (this.broadcast.size === 0) void this.stopLoop('broadcastLoop');
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.stopLoop('handlerLoop'), this.stopLoop('broadcastLoop')]);
    this.handlers.clear();
    this.broadcast.clear();
    if (!this.nc.isClosed()) {
      try {
        await this.nc.drain();
      } catch (err) {
        this.log.warn({ err }, 'NATS drain failed');
      }
    }
  }

  private async stopLoop(which: 'handlerLoop' | 'broadcastLoop'): Promise<void> {
    const loop = this[which];
    this[which] = null;
    await loop?.stop();
  }

  /**
   * Creates the cluster-wide durable consumer unless it exists. Done at connect, before anything is
   * published, so that no event slips past the handlers (it delivers from "new" when first created).
   */
  async ensureDurable(): Promise<void> {
    try {
      await this.jsm.consumers.info(this.o.stream, this.o.durable);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.jsm.consumers.add(this.o.stream, {
        durable_name: this.o.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.New,
        filter_subject: `${this.o.subjectPrefix}.>`,
        ack_wait: nanos(60_000),
        max_ack_pending: 1000,
      });
    }
  }

  /** The durable pull consumer: each message goes to one instance and is acked after handling. */
  private async openDurable(): Promise<Consumer> {
    await this.ensureDurable();
    return this.js.consumers.get(this.o.stream, this.o.durable);
  }

  /** This instance's own ordered consumer, from new messages (or where it left off after a failure). */
  private async openOrdered(): Promise<Consumer> {
    const resume = this.lastBroadcastSeq > 0;
    return this.js.consumers.get(this.o.stream, {
      filterSubjects: `${this.o.subjectPrefix}.>`,
      ...(resume
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.lastBroadcastSeq + 1 }
        : { deliver_policy: DeliverPolicy.New }),
    });
  }

  private decode(m: JsMsg): DomainEvent | null {
    try {
      return JSON.parse(decoder.decode(m.data)) as DomainEvent;
    } catch (err) {
      this.log.error({ err, subject: m.subject, seq: m.seq }, 'undecodable event on the bus');
      return null;
    }
  }

  private async handle(m: JsMsg): Promise<void> {
    const e = this.decode(m);
    if (!e) {
      m.term();
      return;
    }
    await deliver(this.handlers, e, this.log);
    m.ack();
  }

  private async fanOut(m: JsMsg): Promise<void> {
    this.lastBroadcastSeq = m.seq;
    const e = this.decode(m);
    if (e) await deliver(this.broadcast, e, this.log);
  }
}

/**
 * Connects to NATS JetStream and returns the cluster's event bus: events are stored in the stream
 * `VIGIL_EVENTS` (subjects `vigil.events.<name>`, kept 7 days); module handlers share the durable
 * consumer `vigil-handlers` (each event handled once in the cluster, acked after the handler);
 * realtime fan-out uses one ordered consumer per instance. Reconnects forever, logging each change.
 */
export async function connectNatsBus(url: string, log: Logger, opts: NatsBusOptions = {}): Promise<EventBus> {
  const o: Required<NatsBusOptions> = { ...NATS_DEFAULTS, ...opts };
  const nc = await connect({ servers: url, name: 'vigil', maxReconnectAttempts: -1, reconnectTimeWait: 1000 });
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === Events.Disconnect || s.type === Events.Error) log.warn({ status: s.type, data: s.data }, 'NATS connection problem');
      else if (s.type === Events.Reconnect) log.info({ status: s.type, data: s.data }, 'NATS reconnected');
    }
  })();
  void nc.closed().then((err) => {
    if (err) log.error({ err }, 'NATS connection closed with an error');
  });
  const jsm = await nc.jetstreamManager();
  const bus = new NatsBus(nc, jsm, nc.jetstream(), o, log);
  try {
    await bus.ensureStream();
    await bus.ensureDurable();
  } catch (err) {
    await nc.close();
    throw err;
  }
  log.info({ url: nc.getServer(), stream: o.stream }, 'NATS JetStream event bus connected');
  return bus;
}
