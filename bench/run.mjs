// `npm run bench [-- --smoke]`: runs every benchmark and prints their JSON results.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const spawnBuild = spawnSync(process.execPath, [join(here, '../scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
if (spawnBuild.status !== 0) process.exit(spawnBuild.status ?? 1);
let failed = 0;
for (const f of readdirSync(here).filter((f) => f.endsWith('.mjs') && !['run.mjs', 'lib.mjs'].includes(f))) {
  if (only.length && !only.some((o) => f.startsWith(o))) continue;
  console.log(`\n### bench/${f}`);
  const r = spawnSync(process.execPath, [join(here, f), ...flags], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
