import { createConnection } from 'node:net';

/**
 * Whether a TCP service answers at `url` within a second (tests that need MQTT or NATS skip with
 * a printed reason when it does not, except in CI). Any scheme; `defaultPort` when the URL has none.
 */
export function reachable(url: string, defaultPort: number): Promise<boolean> {
  const u = new URL(url.replace(/^[a-z]+:/, 'http:'));
  return new Promise((resolve) => {
    const s = createConnection({ host: u.hostname, port: Number(u.port || defaultPort) });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}
