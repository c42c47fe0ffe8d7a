import { connectAsync, type MqttClient } from 'mqtt';
import { TELEMETRY_TOPIC_PREFIX } from '@vigil/shared';
import { DEFAULT_RATES, initDevice, mulberry32, nextMessage, type DeviceState, type SimPoint, type SimRates } from './simulator-signal.js';

/**
 * The device simulator (`npm run simulate`): many devices, each on its own MQTT connection with
 * its own credentials, publishing realistic readings (see simulator-signal.ts) at a fixed rate.
 */

export interface SimDevice {
  code: string;
  secret: string;
  points: SimPoint[];
}

export interface SimOptions {
  devices: number | null;
  /** Messages per second per device (every message carries all the device's points). */
  rate: number;
  broker: string | null;
  durationS: number | null;
  devicesFile: string | null;
  api: string;
  user: string;
  password: string | null;
  qos: 0 | 1;
  seed: number;
  rates: SimRates;
}

export const SIMULATOR_USAGE = `usage: npm run simulate -- [--devices N] [--rate R] [--broker mqtt://host:port] [--duration S]
  --devices N        how many devices to simulate (default: every demo device found)
  --rate R           messages per second per device, each with all its points (default 0.1)
  --broker URL       MQTT broker (default: the server's embedded broker, asked from --api)
  --duration S       stop after S seconds (default: until Ctrl-C)
  --devices-file F   JSON [{"code","secret","points":[{"metric","valueKind","rangeMin","rangeMax","h","hh","l","ll"}]}]
  --api URL          server to read demo devices from (default http://127.0.0.1:$PORT or :8080)
  --user U           demo account used for that (default analyst); password from --password,
                     DEMO_PASSWORD or DATA_DIR/demo-password
  --qos 0|1          MQTT QoS (default 1)
  --seed N           random seed (default 1)
  --spike P --drift P --flat P --dropout P   anomaly probabilities per sample/message
  Devices come from --devices-file, else from PostgreSQL when DATABASE_URL is set, else from --api.`;

/** Parses the command line; throws an Error whose message says what is wrong (and the usage). */
export function parseSimulatorArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): SimOptions {
  const o: SimOptions = {
    devices: null,
    rate: 0.1,
    broker: null,
    durationS: null,
    devicesFile: null,
    api: `http://127.0.0.1:${env.PORT ?? '8080'}`,
    user: 'analyst',
    password: env.DEMO_PASSWORD ?? null,
    qos: 1,
    seed: 1,
    rates: { ...DEFAULT_RATES },
  };
  const fail = (msg: string): never => {
    throw new Error(`${msg}\n${SIMULATOR_USAGE}`);
  };
  const num = (flag: string, v: string | undefined, min: number, max: number): number => {
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      fail(`${flag} expects a number from ${min} to ${max} (got ${v ?? 'nothing'})`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const v = argv[i + 1];
    const take = () => {
      i++;
      if (v === undefined || v.startsWith('--')) fail(`${flag} expects a value`);
      return v!;
    };
    switch (flag) {
      case '--devices':
        o.devices = Math.floor(num(flag, take(), 1, 1_000_000));
        break;
      case '--rate':
        o.rate = num(flag, take(), 0.001, 1000);
        break;
      case '--broker': {
        const b = take();
        if (!/^(mqtts?|tcp|wss?):\/\//.test(b)) fail(`--broker expects an mqtt:// URL (got ${b})`);
        o.broker = b;
        break;
      }
      case '--duration':
        o.durationS = num(flag, take(), 1, 30 * 86_400);
        break;
      case '--devices-file':
        o.devicesFile = take();
        break;
      case '--api':
        o.api = take().replace(/\/+$/, '');
        break;
      case '--user':
        o.user = take();
        break;
      case '--password':
        o.password = take();
        break;
      case '--qos': {
        const q = num(flag, take(), 0, 1);
        if (q !== 0 && q !== 1) fail('--qos expects 0 or 1');
        o.qos = q as 0 | 1;
        break;
      }
      case '--seed':
        o.seed = Math.floor(num(flag, take(), 0, 2 ** 31));
        break;
      case '--spike':
      case '--drift':
      case '--flat':
      case '--dropout':
        o.rates[flag.slice(2) as keyof SimRates] = num(flag, take(), 0, 1);
        break;
      case '--help':
      case '-h':
        fail('');
        break;
      default:
        fail(`unknown option ${flag}`);
    }
  }
  return o;
}

export interface SimSummary {
  devices: number;
  connected: number;
  seconds: number;
  messages: number;
  readings: number;
  acked: number;
  errors: number;
  skipped: number;
  messagesPerSecond: number;
  readingsPerSecond: number;
}

/** Most unacknowledged QoS 1 messages per connection before the simulator skips a sample. */
const MAX_UNACKED = 100;

/**
 * Connects every device and publishes until `durationS` (or `stop()`); resolves with totals.
 * `log` receives a progress line every 5 s.
 */
export function startSimulator(
  o: SimOptions,
  broker: string,
  devices: readonly SimDevice[],
  log: (line: string) => void,
): { done: Promise<SimSummary>; stop(): void } {
  let stopRequested: () => void = () => undefined;
  const stopped = new Promise<void>((r) => (stopRequested = r));
  const done = (async () => {
    const rand = mulberry32(o.seed);
    const clients = new Array<MqttClient | null>(devices.length).fill(null);
    const unacked = new Array<number>(devices.length).fill(0);
    const totals = { messages: 0, readings: 0, acked: 0, errors: 0, skipped: 0 };
    let connected = 0;
    for (let i = 0; i < devices.length; i += 50) {
      await Promise.all(
        devices.slice(i, i + 50).map(async (d, k) => {
          try {
            const c = await connectAsync(broker, {
              username: d.code,
              password: d.secret,
              clientId: `sim-${d.code}`.slice(0, 64),
              reconnectPeriod: 2_000,
              keepalive: 60,
              connectTimeout: 10_000,
            });
            c.on('error', () => undefined);
            clients[i + k] = c;
            connected++;
          } catch (err) {
            totals.errors++;
            if (totals.errors <= 5) log(`device ${d.code} could not connect: ${(err as Error).message}`);
          }
        }),
      );
    }
    log(`connected ${connected} of ${devices.length} devices to ${broker}`);
    const period = 1000 / o.rate;
    const t0 = Date.now();
    const next = devices.map(() => t0 + rand() * period);
    let states: DeviceState[] = devices.map((d) => initDevice(d.points, rand));
    const end = o.durationS === null ? Infinity : t0 + o.durationS * 1000;
    let lastLog = t0;
    let lastMessages = 0;
    let stop = false;
    void stopped.then(() => (stop = true));
    while (!stop && Date.now() < end) {
      const now = Date.now();
      states = states.map((s, i) => {
        if (next[i]! > now) return s;
        next[i] = next[i]! + period * (next[i]! + period < now ? Math.ceil((now - next[i]!) / period) : 1);
        const client = clients[i];
        const r = nextMessage(devices[i]!.points, s, now, rand, o.rates);
        if (!r.message || !client) return r.state;
        if (o.qos === 1 && unacked[i]! >= MAX_UNACKED) {
          totals.skipped++;
          return r.state;
        }
        totals.messages++;
        totals.readings += Object.keys(r.message.values).length;
        if (o.qos === 1) unacked[i]!++;
        client.publish(TELEMETRY_TOPIC_PREFIX + devices[i]!.code, JSON.stringify(r.message), { qos: o.qos }, (err) => {
          if (o.qos === 1) unacked[i]!--;
          if (err) totals.errors++;
          else totals.acked++;
        });
        return r.state;
      });
      if (now - lastLog >= 5_000) {
        const rate = Math.round(((totals.messages - lastMessages) * 1000) / (now - lastLog));
        log(
          `${Math.round((now - t0) / 1000)} s: ${totals.messages} messages (${rate}/s), ${totals.readings} readings, ${totals.acked} acknowledged, ${totals.errors} errors`,
        );
        lastLog = now;
        lastMessages = totals.messages;
      }
      await new Promise((r) => setTimeout(r, Math.max(5, Math.min(50, period / 4))));
    }
    // Let acknowledgements of the last messages arrive.
    const settle = Date.now() + 5_000;
    while (unacked.some((n) => n > 0) && Date.now() < settle) await new Promise((r) => setTimeout(r, 50));
    await Promise.all(clients.map((c) => (c ? c.endAsync().catch(() => undefined) : Promise.resolve())));
    const seconds = Math.max(0.001, (Date.now() - t0) / 1000);
    return {
      devices: devices.length,
      connected,
      seconds: Math.round(seconds * 10) / 10,
      ...totals,
      messagesPerSecond: Math.round(totals.messages / seconds),
      readingsPerSecond: Math.round(totals.readings / seconds),
    };
  })();
  return { done, stop: () => stopRequested() };
}
