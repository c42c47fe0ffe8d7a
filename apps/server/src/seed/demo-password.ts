import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';

/** A random demo password that satisfies the password policy (4 character classes). */
export function randomDemoPassword(): string {
  return `Vg-${randomBytes(6).toString('base64url').replace(/[-_]/g, 'x')}9a`;
}

/**
 * The demo accounts' password: DEMO_PASSWORD when set, otherwise the one generated at first start
 * (kept in DATA_DIR/demo-password so the banner stays true across restarts). `changed` tells the
 * seeders to re-key existing demo accounts because DEMO_PASSWORD differs from the last start.
 */
export function resolveDemoPassword(config: Config): { password: string; changed: boolean } {
  const file = join(config.DATA_DIR, 'demo-password');
  const previous = existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
  const password = config.DEMO_PASSWORD ?? previous ?? randomDemoPassword();
  if (password !== previous) {
    mkdirSync(config.DATA_DIR, { recursive: true });
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
  }
  return { password, changed: previous !== null && previous !== password };
}
