// Runs an operator command of the server (db:migrate, audit:verify) from the bundle.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
const r = spawnSync(process.execPath, [join(root, 'apps/server/dist/cli.js'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
