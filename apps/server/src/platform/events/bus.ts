/** A domain event as delivered after commit. */
export interface DomainEvent<T = unknown> {
  id: number;
  name: string;
  topic: string;
  payload: T;
  /** Org that owns the subject; receivers outside this subtree never see it. */
  orgPath: string | null;
  /** Permission a receiver needs to see it (realtime), or null. */
  permission: string | null;
  at: string;
}

export type EventHandler = (e: DomainEvent) => Promise<void> | void;

/**
 * Delivers committed events. `publish` is called by the outbox dispatcher; `subscribe` by
 * module handlers (each event once per cluster) and the realtime hub (every instance).
 */
export interface EventBus {
  readonly kind: 'local' | 'nats';
  publish(e: DomainEvent): Promise<void>;
  /** Handlers that must run once per event in the whole cluster (domain reactions). */
  subscribe(handler: EventHandler): () => void;
  /** Handlers that run on every instance (realtime fan-out to this instance's sockets). */
  subscribeBroadcast(handler: EventHandler): () => void;
  close(): Promise<void>;
}

type Log = { error(obj: unknown, msg?: string): void };

/** In-process bus: both kinds of subscriber run in this process. */
export class LocalBus implements EventBus {
  readonly kind = 'local' as const;
  private handlers = new Set<EventHandler>();
  private broadcast = new Set<EventHandler>();
  constructor(private readonly log: Log) {}

  async publish(e: DomainEvent): Promise<void> {
    await deliver(this.handlers, e, this.log);
    await deliver(this.broadcast, e, this.log);
  }
  subscribe(h: EventHandler): () => void {
    this.handlers.add(h);
    return () => this.handlers.delete(h);
  }
  subscribeBroadcast(h: EventHandler): () => void {
    this.broadcast.add(h);
    return () => this.broadcast.delete(h);
  }
  close(): Promise<void> {
    this.handlers.clear();
    this.broadcast.clear();
    return Promise.resolve();
  }
}

/** Runs every handler; one failing handler is logged and never stops the others. */
export async function deliver(handlers: Iterable<EventHandler>, e: DomainEvent, log: Log): Promise<void> {
  for (const h of handlers) {
    try {
      await h(e);
    } catch (err) {
      log.error({ err, event: e.name, id: e.id }, 'event handler failed');
    }
  }
}
