import type { RuleDefinition } from '@vigil/shared';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META, type Platform } from '../../platform/ctx.js';
import type { ModuleService } from '../../platform/module.js';
import { applyTransitions, type RuleInfo } from './alarm-writer.js';
import { loadDeviceDirectory } from './device-directory.repository.js';
import { startIngest, type IngestOptions } from './ingest.service.js';
import type { AcceptedReading, ReadingSink } from './reading.js';
import {
  compileRules,
  engineStats,
  evaluate,
  tick,
  type EngineDevice,
  type EngineRule,
  type EngineState,
  type Transition,
} from './rule-engine.js';
import * as rulesRepo from './rule.repository.js';

/**
 * The rule engine at work in this process: it receives every validated batch from ingestion
 * (`accept`, synchronous and O(rules of each reading's point)), runs the timers (`tick`), and
 * persists the resulting transitions in small batched transactions right away — alarm latency
 * never waits for the readings' storage flush. Rules and devices are hot-reloaded on
 * `alarm_rule.*`, `device.*` and `point.*` events (broadcast, so every ingest instance reloads).
 */

export interface RuleRuntimeOptions {
  /** Timer period for offline checks and minimum durations. */
  tickMs?: number;
  /** Events arriving within this window cause one reload. */
  reloadDebounceMs?: number;
  /** Transitions per transaction. */
  maxBatch?: number;
  /** How often devices' last-seen times are merged in from storage (other instances' readings). */
  seenRefreshMs?: number;
}

export interface RuleRuntimeStats {
  bindings: number;
  points: number;
  activeSubjects: number;
  rules: number;
  readings: number;
  transitions: number;
  persisted: number;
  queued: number;
  writeErrors: number;
  reloads: number;
}

export interface RuleRuntime extends ReadingSink {
  /** Runs the timers now (tests; the runtime also does it every `tickMs`). */
  tick(): void;
  /** Reloads rules and devices now. */
  reload(): Promise<void>;
  /** Resolves once every transition so far is stored (tests, shutdown). */
  flush(): Promise<void>;
  stats(): RuleRuntimeStats;
  stop(): Promise<void>;
}

const running = new WeakMap<Platform, RuleRuntime>();

/** The rule runtime of this process for `platform`, if one runs. */
export function runningRuleRuntime(platform: Platform): RuleRuntime | undefined {
  return running.get(platform);
}

const MAX_QUEUE = 50_000;

function toEngineRule(r: rulesRepo.EnabledRuleRow): EngineRule {
  return {
    id: r.id,
    orgPath: r.org_path,
    level: r.level,
    deviceTypeCode: r.device_type_code,
    deviceId: r.device_id,
    definition: r.definition as RuleDefinition,
  };
}

/** Loads enabled rules, devices and (at start) what storage knows, and compiles the engine. */
async function load(platform: Platform, prior: EngineState | undefined) {
  const db = platform.db;
  const [ruleRows, directory, sites] = await Promise.all([rulesRepo.enabledRules(db), loadDeviceDirectory(db), rulesRepo.deviceSites(db)]);
  const devices: EngineDevice[] = directory.map((d) => ({
    id: d.id,
    orgPath: d.orgPath,
    typeCode: d.typeCode,
    site: sites.get(d.id) ?? null,
    status: d.status,
    points: d.points,
  }));
  const rules = ruleRows.map(toEngineRule);
  const now = platform.clock.now().getTime();
  const seeds = prior
    ? {}
    : {
        active: (await rulesRepo.activeSubjects(db)).map((a) => ({ ruleId: a.rule_id, subjectKey: a.subject_key, level: a.level })),
        lastSeen: await rulesRepo.deviceLastSeen(db),
        latest: await rulesRepo.latestValues(db),
      };
  const info = new Map<string, RuleInfo>(ruleRows.map((r) => [r.id, { name: r.name, definition: r.definition as RuleDefinition }]));
  return { rules, devices, now, seeds, info };
}

/**
 * Starts the rule runtime: loads rules and devices, subscribes to reload events and starts the
 * timers. Hand it to ingestion as the sink (`startIngest(platform, runtime)`).
 */
export async function startRuleRuntime(platform: Platform, opts: RuleRuntimeOptions = {}): Promise<RuleRuntime> {
  const log = platform.log;
  const maxBatch = opts.maxBatch ?? 200;
  const first = await load(platform, undefined);
  let state = compileRules(first.rules, first.devices, { now: first.now, ...first.seeds });
  const ruleInfo = new Map(first.info);
  let ruleCount = first.rules.length;
  const queue: Transition[] = [];
  const counters = { readings: 0, transitions: 0, persisted: 0, writeErrors: 0, reloads: 0 };
  let writing: Promise<void> | null = null;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const write = async (): Promise<void> => {
    while (queue.length > 0 && !stopped) {
      const batch = queue.slice(0, maxBatch);
      try {
        await inTransaction(platform, SYSTEM_ACTOR, NO_META, (ctx) => applyTransitions(ctx, batch, ruleInfo));
        queue.splice(0, batch.length);
        counters.persisted += batch.length;
      } catch (err) {
        counters.writeErrors++;
        log.error({ err, transitions: batch.length }, 'storing alarm transitions failed; retrying');
        // Keep them queued and try again shortly (the database may be restarting).
        await new Promise<void>((resolve) => {
          retryTimer = setTimeout(resolve, 1000);
          retryTimer.unref();
        });
      }
    }
  };

  const kick = () => {
    if (writing || queue.length === 0) return;
    writing = write().finally(() => {
      writing = null;
      if (queue.length > 0 && !stopped) kick();
    });
  };

  const enqueue = (ts: readonly Transition[]) => {
    if (ts.length === 0) return;
    counters.transitions += ts.length;
    queue.push(...ts);
    if (queue.length > MAX_QUEUE) {
      const dropped = queue.splice(0, queue.length - MAX_QUEUE);
      log.error({ dropped: dropped.length }, 'alarm transition queue overflow: oldest transitions dropped');
    }
    kick();
  };

  let reloading: Promise<void> | null = null;
  let again = false;
  const reload = async (): Promise<void> => {
    if (reloading) {
      again = true;
      return reloading;
    }
    reloading = (async () => {
      do {
        again = false;
        const next = await load(platform, state);
        // Compiled against the state as it is now: readings evaluated meanwhile carry over.
        state = compileRules(next.rules, next.devices, { now: next.now, prior: state });
        for (const [id, i] of next.info) ruleInfo.set(id, i);
        ruleCount = next.rules.length;
        counters.reloads++;
      } while (again && !stopped);
    })().finally(() => {
      reloading = null;
    });
    return reloading;
  };

  let debounce: NodeJS.Timeout | null = null;
  const scheduleReload = () => {
    if (debounce || stopped) return;
    debounce = setTimeout(() => {
      debounce = null;
      reload().catch((err: unknown) => log.error({ err }, 'rule reload failed'));
    }, opts.reloadDebounceMs ?? 250);
    debounce.unref();
  };
  const unsubscribe = platform.bus.subscribeBroadcast((e) => {
    if (e.name.startsWith('alarm_rule.') || e.name.startsWith('device.') || e.name.startsWith('point.')) scheduleReload();
  });

  const runTick = () => {
    try {
      enqueue(tick(state, platform.clock.now().getTime()).transitions);
    } catch (err) {
      log.error({ err }, 'rule timers failed');
    }
  };
  const ticker = setInterval(runTick, opts.tickMs ?? 1000);
  ticker.unref();

  // Readings of devices connected to other instances update `device.last_seen_at` in storage.
  const seenTimer = setInterval(() => {
    rulesRepo
      .deviceLastSeen(platform.db)
      .then((seen) => {
        for (const [id, t] of seen) if ((state.deviceSeen.get(id) ?? -Infinity) < t) state.deviceSeen.set(id, t);
      })
      .catch((err: unknown) => log.warn({ err }, 'refreshing device last-seen times failed'));
  }, opts.seenRefreshMs ?? 30_000);
  seenTimer.unref();

  const runtime: RuleRuntime = {
    accept(readings: readonly AcceptedReading[]) {
      if (stopped) return;
      try {
        const now = platform.clock.now().getTime();
        const out: Transition[] = [];
        for (const r of readings) {
          const step = evaluate(state, r, now);
          if (step.transitions.length) out.push(...step.transitions);
        }
        counters.readings += readings.length;
        enqueue(out);
      } catch (err) {
        log.error({ err }, 'rule evaluation failed');
      }
    },
    tick: runTick,
    reload,
    async flush() {
      while (writing || queue.length > 0) {
        if (writing) await writing;
        else kick();
        if (stopped) return;
      }
    },
    stats() {
      const s = engineStats(state);
      return { bindings: s.bindings, points: s.points, activeSubjects: s.active, rules: ruleCount, ...counters, queued: queue.length };
    },
    async stop() {
      if (stopped) return;
      unsubscribe();
      clearInterval(ticker);
      clearInterval(seenTimer);
      if (debounce) clearTimeout(debounce);
      await reloading?.catch(() => undefined);
      // Store what is already judged before going away (bounded: a dead database must not hang shutdown).
      await Promise.race([runtime.flush(), new Promise((r) => setTimeout(r, 5_000).unref())]);
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      running.delete(platform);
    },
  };
  running.set(platform, runtime);
  log.info(runtime.stats(), 'rule runtime started');
  return runtime;
}

/**
 * The monitoring service of an ingest process: the rule runtime, and ingestion feeding it.
 * Stopping stops ingestion first (its last batches still reach the rules), then the rules.
 */
export function monitoringService(ingest: IngestOptions = {}, rules: RuleRuntimeOptions = {}): ModuleService {
  return {
    name: 'monitoring.ingest',
    roles: ['ingest'],
    async start(platform) {
      const runtime = await startRuleRuntime(platform, rules);
      try {
        const ingestion = await startIngest(platform, runtime, ingest);
        return {
          async stop() {
            await ingestion.stop();
            await runtime.stop();
          },
        };
      } catch (err) {
        await runtime.stop();
        throw err;
      }
    },
  };
}
