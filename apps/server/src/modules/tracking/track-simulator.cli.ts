// `npm run simulate:tracks -- [--api http://127.0.0.1:8080] [--user commander] [--password …] [--every 10] [--duration s]`
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startTrackSimulator } from './track-simulator.js';

const USAGE = `npm run simulate:tracks -- [--api URL] [--user NAME] [--password P] [--every SECONDS] [--duration SECONDS]
Moves the demo trackers (GPS-QZ-…) of a running Vigil over HTTP.
  --api       the server (default http://127.0.0.1:$PORT, PORT default 8080)
  --user      a demo user who may see the trackers (default commander)
  --password  the demo password (default DEMO_PASSWORD, or DATA_DIR/demo-password)
  --every     seconds between positions (default 10, at least 2)
  --duration  stop after this many seconds (default: until Ctrl-C)`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        api: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        every: { type: 'string' },
        duration: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const env = process.env;
  const file = join(env.DATA_DIR ?? './data', 'demo-password');
  const password = values.password ?? env.DEMO_PASSWORD ?? (existsSync(file) ? readFileSync(file, 'utf8').trim() : null);
  if (!password) {
    console.error('the demo password is needed for the demo trackers\u2019 secrets: set DEMO_PASSWORD or pass --password');
    return 2;
  }
  const everyS = Number(values.every ?? 10);
  const durationS = values.duration === undefined ? null : Number(values.duration);
  if (!Number.isFinite(everyS) || everyS < 2 || (durationS !== null && !(durationS > 0))) {
    console.error(`--every must be ≥ 2 and --duration > 0\n${USAGE}`);
    return 2;
  }
  const sim = startTrackSimulator(
    { api: values.api ?? `http://127.0.0.1:${env.PORT ?? '8080'}`, user: values.user ?? 'commander', password, everyS, durationS },
    (line) => console.log(line),
  );
  process.on('SIGINT', () => sim.stop());
  process.on('SIGTERM', () => sim.stop());
  const summary = await sim.done;
  console.log(JSON.stringify(summary));
  if (summary.trackers === 0) console.error('no demo trackers found (they are seeded with the demo data)');
  return summary.trackers === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
