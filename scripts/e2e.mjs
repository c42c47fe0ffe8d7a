// `npm run test:e2e`: builds what is stale, then runs the browser journeys in e2e/ against a
// real server in headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.CI) {
    console.error(`e2e: Chromium not found at ${chromium}`);
    process.exit(1);
  }
  console.warn(`e2e: skipped — Chromium not found at ${chromium} (apt-get install chromium fonts-noto-cjk)`);
  process.exit(0);
}
execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
const r = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    cwd: root,
  },
);
process.exit(r.status ?? 1);
