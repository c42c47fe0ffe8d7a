// Runs ingestion alone (embedded broker on MQTT_PORT, storage on DATABASE_URL) for the crash
// test, which kills this process mid-stream. Prints `READY <port>` once devices can connect.
import { loadConfig } from '../../config/config.js';
import { systemClock } from '../../platform/clock.js';
import type { Platform } from '../../platform/ctx.js';
import { openDatabase } from '../../platform/db/database.js';
import { LocalBus } from '../../platform/events/bus.js';
import { silentLogger } from '../../platform/logger.js';
import { NO_SINK, startIngest } from './ingest.service.js';

const config = loadConfig();
const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
const platform: Platform = {
  config,
  db: handle.db,
  dbKind: handle.kind,
  clock: systemClock,
  bus: new LocalBus(silentLogger),
  log: silentLogger,
  kickOutbox: () => undefined,
};
const ingest = await startIngest(platform, NO_SINK, { broker: { port: config.MQTT_PORT, host: '127.0.0.1' } });
console.log(`READY ${ingest.mqttPort}`);
process.on('SIGTERM', () => {
  void ingest
    .stop()
    .then(() => handle.close())
    .finally(() => process.exit(0));
});
