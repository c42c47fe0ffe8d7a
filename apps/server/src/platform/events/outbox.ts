import type { Kysely } from 'kysely';
import type { Ctx } from '../ctx.js';
import type { Database } from '../db/schema.js';
import type { Logger } from '../logger.js';
import type { DomainEvent, EventBus } from './bus.js';
import { claimPending, insertOutbox, markDelivered } from './outbox.repository.js';

export interface EmitOptions {
  /** Realtime topic (defaults to the event's domain, e.g. `incident` for `incident.created`). */
  topic?: string;
  /** Owning org; receivers outside its subtree do not see the event. Defaults to the actor's org. */
  orgPath?: string | null;
  /** Permission a receiver must hold to see the event in realtime. */
  permission?: string | null;
}

let emitted = 0;
/** How many events this process has recorded so far: a read kicks the dispatcher only if it grew. */
export const emittedSoFar = (): number => emitted;

/** Records a domain event in the outbox, inside the use case's transaction. */
export async function emit(ctx: Ctx, name: string, payload: unknown, opts: EmitOptions = {}): Promise<void> {
  emitted++;
  await insertOutbox(ctx.tx, {
    name,
    topic: opts.topic ?? name.split('.')[0]!,
    payload,
    org_path: opts.orgPath === undefined ? ctx.actor.orgPath : opts.orgPath,
    permission: opts.permission ?? null,
    created_at: ctx.now,
  });
}

/**
 * Delivers committed outbox rows to the bus, in order, at least once. Woken by `kick()` after
 * each commit and by a slow poll (for rows written by other instances or before a crash).
 */
export class OutboxDispatcher {
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly now: () => Date,
    private readonly pollMs = 1000,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.idle = this.drain()
      .catch((err: unknown) => this.log.error({ err }, 'outbox delivery failed'))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves once everything pending at call time has been delivered (tests, shutdown). */
  async flush(): Promise<void> {
    do {
      await this.idle;
    } while (this.running);
    await this.drain();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle;
  }

  private async drain(): Promise<void> {
    for (;;) {
      // Handlers may use the database themselves, so nothing is held open while they run
      // (PGlite has a single connection).
      const rows = await claimPending(this.db, 200, this.now(), 30_000);
      for (const r of rows) {
        const e: DomainEvent = {
          id: Number(r.id),
          name: r.name,
          topic: r.topic,
          payload: r.payload,
          orgPath: r.org_path,
          permission: r.permission,
          at: new Date(r.created_at).toISOString(),
        };
        await this.bus.publish(e);
        await markDelivered(this.db, [e.id], this.now());
      }
      if (rows.length < 200) return;
    }
  }
}
