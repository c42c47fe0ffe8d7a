// `npm run simulate -- [options]`: publishes realistic readings for demo devices over MQTT
// (apps/server/src/modules/monitoring/simulator.ts; `--help` lists the options).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entry = join(root, 'apps/server/src/modules/monitoring/simulator.cli.ts');
const child = spawn(process.execPath, ['--import', 'tsx', entry, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
// Ctrl-C reaches the simulator too; it stops cleanly and prints its totals, then this exits with it.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
