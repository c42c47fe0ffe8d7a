// Builds the web app (Vite) and the server bundle (esbuild).
// `--if-stale` skips a part whose output is newer than all of its sources (used by npm install and npm start).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ifStale = process.argv.includes('--if-stale');

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function stale(output, sources) {
  if (!existsSync(output)) return true;
  const out = statSync(output).mtimeMs;
  return sources.some((s) => newest(join(root, s)) > out);
}

function run(cwd, args) {
  execFileSync(process.execPath, args, { cwd: join(root, cwd), stdio: 'inherit' });
}

if (!existsSync(join(root, 'node_modules', 'vite'))) {
  console.log('build: dependencies not installed yet, skipping');
  process.exit(0);
}
const shared = ['packages/shared/src', 'packages/geo/src'];
if (!ifStale || stale(join(root, 'apps/web/dist/index.html'), ['apps/web/src', 'apps/web/index.html', 'apps/web/public', ...shared])) {
  console.log('build: web app…');
  run('apps/web', [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
}
if (!ifStale || stale(join(root, 'apps/server/dist/main.js'), ['apps/server/src', ...shared])) {
  console.log('build: server…');
  run('apps/server', ['build.mjs']);
}
