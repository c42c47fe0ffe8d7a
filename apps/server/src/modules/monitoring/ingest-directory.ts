import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Logger } from '../../platform/logger.js';
import {
  findDeviceForIngest,
  findDeviceForIngestById,
  loadDeviceDirectory,
  type IngestDevice,
  type IngestPoint,
} from './device-directory.repository.js';
import type { TelemetryDevice } from './telemetry-payload.js';

/**
 * The devices and points ingestion judges messages against, held in memory: at 20k readings/s
 * there is no database lookup per message. Loaded at start, reloaded in full every `reloadMs`,
 * refreshed per device on `device.*`/`point.*` events (broadcast: every ingest instance), and
 * looked up once on a miss (a device created a moment ago), with a short negative cache so a
 * stream of unknown codes does not become a stream of queries.
 */

export interface DirectoryDevice extends TelemetryDevice {
  secretHash: string;
  orgPath: string;
  points: ReadonlyMap<string, IngestPoint>;
}

export interface DirectoryOptions {
  reloadMs?: number;
  missTtlMs?: number;
  log: Logger;
  now?: () => number;
}

function toEntry(d: IngestDevice): DirectoryDevice {
  return {
    id: d.id,
    code: d.code,
    status: d.status,
    secretHash: d.secretHash,
    orgPath: d.orgPath,
    points: new Map(d.points.map((p) => [p.metric, p])),
  };
}

const MAX_MISSES = 10_000;

export class IngestDirectory {
  private byCode = new Map<string, DirectoryDevice>();
  private codeById = new Map<string, string>();
  private misses = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private reloading: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly opts: DirectoryOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.byCode.size;
  }

  /** Loads every device, then keeps the copy fresh from events and a periodic reload. */
  async start(bus: EventBus | null): Promise<void> {
    await this.reload();
    if (bus) {
      this.unsubscribe = bus.subscribeBroadcast(async (e) => {
        if (!e.name.startsWith('device.') && !e.name.startsWith('point.')) return;
        const p = (e.payload ?? {}) as { deviceId?: unknown; id?: unknown; code?: unknown };
        const id = typeof p.deviceId === 'string' ? p.deviceId : typeof p.id === 'string' ? p.id : null;
        if (id) await this.refreshById(id);
        else if (typeof p.code === 'string') await this.refreshByCode(p.code);
        else await this.reload();
      });
    }
    const every = this.opts.reloadMs ?? 5 * 60_000;
    this.timer = setInterval(() => {
      this.reload().catch((err: unknown) => this.opts.log.error({ err }, 'device directory reload failed'));
    }, every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Reloads every device (concurrent calls share one load). */
  reload(): Promise<void> {
    this.reloading ??= (async () => {
      try {
        const all = await loadDeviceDirectory(this.db);
        const byCode = new Map<string, DirectoryDevice>();
        const codeById = new Map<string, string>();
        for (const d of all) {
          byCode.set(d.code, toEntry(d));
          codeById.set(d.id, d.code);
        }
        this.byCode = byCode;
        this.codeById = codeById;
        this.misses.clear();
      } finally {
        this.reloading = null;
      }
    })();
    return this.reloading;
  }

  /** The cached device, without I/O. */
  get(code: string): DirectoryDevice | undefined {
    return this.byCode.get(code);
  }

  /** The device, looked up in the database once when not cached (then cached, or remembered as unknown briefly). */
  async resolve(code: string): Promise<DirectoryDevice | undefined> {
    const hit = this.byCode.get(code);
    if (hit) return hit;
    const missedAt = this.misses.get(code);
    if (missedAt !== undefined && this.now() - missedAt < (this.opts.missTtlMs ?? 10_000)) return undefined;
    return this.refreshByCode(code);
  }

  async refreshByCode(code: string): Promise<DirectoryDevice | undefined> {
    return this.put(code, await findDeviceForIngest(this.db, code));
  }

  async refreshById(id: string): Promise<DirectoryDevice | undefined> {
    const d = await findDeviceForIngestById(this.db, id);
    const code = d?.code ?? this.codeById.get(id);
    if (!code) return undefined;
    return this.put(code, d);
  }

  private put(code: string, d: IngestDevice | undefined): DirectoryDevice | undefined {
    if (!d) {
      this.byCode.delete(code);
      if (this.misses.size >= MAX_MISSES) this.misses.clear();
      this.misses.set(code, this.now());
      return undefined;
    }
    const entry = toEntry(d);
    // A renamed code: forget the old one.
    const old = this.codeById.get(d.id);
    if (old && old !== d.code) this.byCode.delete(old);
    this.byCode.set(d.code, entry);
    this.codeById.set(d.id, d.code);
    this.misses.delete(d.code);
    return entry;
  }
}
