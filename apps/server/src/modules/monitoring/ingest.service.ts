import { ALERT_TOPIC_PREFIX, type IngestStatusDto } from '@vigil/shared';
import type { Platform } from '../../platform/ctx.js';
import type { ModuleService } from '../../platform/module.js';
import { registerDevicePublisher } from '../notify/index.js';
import { ensureReadingPartitions } from './ingest.jobs.js';
import { IngestDirectory } from './ingest-directory.js';
import { IngestPipeline } from './ingest-pipeline.js';
import { startEmbeddedBroker, type EmbeddedBroker } from './mqtt-broker.js';
import { startExternalSubscriber, type ExternalSubscriber } from './mqtt-subscriber.js';
import type { ReadingSink } from './reading.js';
import { ReadingWriter } from './reading-writer.js';

/**
 * The ingestion service (role `ingest`): the device directory, the batch writer, and the MQTT
 * transport (embedded broker, or a subscription on an external one); HTTP ingestion reaches the
 * same pipeline through `runningIngest`.
 */

export interface IngestOptions {
  /** Where devices connect; default from the config (MQTT_URL, else MQTT_PORT, 0 = none). */
  broker?: 'none' | { port: number; host?: string } | { url: string };
  flushMs?: number;
  batchMax?: number;
  /** Full directory reload period (events refresh single devices in between). */
  directoryReloadMs?: number;
}

export interface RunningIngest {
  pipeline: IngestPipeline;
  /** Port of the embedded broker, when one runs. */
  mqttPort: number | null;
  stats(): IngestStatusDto;
  stop(): Promise<void>;
}

const running = new WeakMap<Platform, RunningIngest>();

/** The ingestion service running in this process for `platform`, if any (HTTP ingestion uses it). */
export function runningIngest(platform: Platform): RunningIngest | undefined {
  return running.get(platform);
}

/** A sink that drops readings: ingestion without a rule engine (storage only). */
export const NO_SINK: ReadingSink = { accept: () => undefined };

/**
 * Starts ingestion: every validated batch goes to `sink` at once and to storage in the next
 * batch; MQTT and HTTP acknowledge after storage. Fails with a clear message when the MQTT port
 * is taken or the external broker cannot be reached.
 */
export async function startIngest(platform: Platform, sink: ReadingSink, opts: IngestOptions = {}): Promise<RunningIngest> {
  const { config, log } = platform;
  try {
    await ensureReadingPartitions(platform);
  } catch (err) {
    // Not fatal: the DEFAULT partition takes the rows, and the worker's job retries hourly.
    log.warn({ err }, 'could not create reading partitions at start');
  }
  const directory = new IngestDirectory(platform.db, { log, ...(opts.directoryReloadMs ? { reloadMs: opts.directoryReloadMs } : {}) });
  await directory.start(platform.bus);
  const writer = new ReadingWriter(platform.db, {
    flushMs: opts.flushMs ?? config.TELEMETRY_FLUSH_MS,
    batchMax: opts.batchMax ?? config.TELEMETRY_BATCH_MAX,
    // PGlite has one connection; on PostgreSQL a second batch is written while the first commits.
    concurrency: platform.dbKind === 'postgres' ? 2 : 1,
    log,
  });
  const pipeline = new IngestPipeline(directory, writer, sink, log, () => platform.clock.now().getTime());
  const choice = opts.broker ?? (config.MQTT_URL ? { url: config.MQTT_URL } : config.MQTT_PORT === 0 ? 'none' : { port: config.MQTT_PORT });
  let broker: EmbeddedBroker | null = null;
  let subscriber: ExternalSubscriber | null = null;
  try {
    if (choice !== 'none' && 'url' in choice) {
      subscriber = await startExternalSubscriber({
        url: choice.url,
        clientId: config.MQTT_CLIENT_ID,
        username: config.MQTT_USERNAME,
        password: config.MQTT_PASSWORD,
        sharedGroup: config.MQTT_SHARED_GROUP,
        pipeline,
        log,
        platform,
      });
    } else if (choice !== 'none') {
      broker = await startEmbeddedBroker({ port: choice.port, host: choice.host ?? config.HOST, pipeline, log, platform });
    }
  } catch (err) {
    directory.stop();
    await writer.stop(1_000);
    throw err;
  }
  const startedAt = platform.clock.now().toISOString();
  log.info(
    broker ? { mqttPort: broker.port } : subscriber ? { mqttUrl: subscriber.url } : { mqtt: 'none' },
    broker
      ? `embedded MQTT broker listening on port ${broker.port}`
      : subscriber
        ? 'ingesting from the external MQTT broker'
        : 'no MQTT ingestion (HTTP only)',
  );

  // Warnings for devices in an area go out through the same broker connection.
  const transport = broker ?? subscriber;
  if (transport) registerDevicePublisher(platform, (code, payload) => transport.publish(ALERT_TOPIC_PREFIX + code, payload));

  const handle: RunningIngest = {
    pipeline,
    mqttPort: broker?.port ?? null,
    stats: () => ({
      running: true,
      transport: broker ? 'embedded' : subscriber ? 'external' : 'none',
      mqttPort: broker?.port ?? null,
      mqttUrl: subscriber ? subscriber.url.replace(/\/\/[^@/]*@/, '//***@') : null,
      connectedDevices: broker?.connectedClients() ?? 0,
      acceptedReadings: pipeline.counters.acceptedReadings,
      rejectedReadings: pipeline.counters.rejectedReadings,
      storedReadings: writer.stats.storedReadings,
      pendingReadings: writer.pending,
      flushes: writer.stats.flushes,
      lastFlushMs: writer.stats.lastFlushMs,
      flushErrors: writer.stats.flushErrors,
      directoryDevices: directory.size,
      startedAt,
    }),
    async stop() {
      running.delete(platform);
      registerDevicePublisher(platform, null);
      // Let queued batches commit so their acknowledgements go out, then close the transport.
      await Promise.race([writer.drained(), new Promise((r) => setTimeout(r, 5_000))]);
      if (broker) await broker.close();
      if (subscriber) await subscriber.close();
      await writer.stop();
      directory.stop();
    },
  };
  running.set(platform, handle);
  return handle;
}

/** The ModuleService running ingestion with the sink `sinkFor` provides (the rule engine). */
export function ingestService(sinkFor: (platform: Platform) => ReadingSink | Promise<ReadingSink>): ModuleService {
  return {
    name: 'monitoring.ingest',
    roles: ['ingest'],
    async start(platform) {
      return startIngest(platform, await sinkFor(platform));
    },
  };
}
