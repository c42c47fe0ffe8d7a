// `npm run simulate:tracks -- [options]`: moves the demo trackers of a running Vigil over HTTP
// (apps/server/src/modules/tracking/track-simulator.ts; `--help` lists the options).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entry = join(root, 'apps/server/src/modules/tracking/track-simulator.cli.ts');
const child = spawn(process.execPath, ['--import', 'tsx', entry, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
