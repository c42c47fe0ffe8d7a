// `npm start`: builds what is stale, then runs the server bundle with the current environment.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });

/** Whether `port` can be listened on (nothing else holds it). */
function free(port, host) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

// The quick start must work on a machine that already runs an MQTT broker on 1883 (Mosquitto):
// with neither MQTT_PORT nor MQTT_URL set, the embedded broker takes the next free port instead.
const env = { ...process.env };
if (!env.MQTT_PORT && !env.MQTT_URL && !(await free(1883, env.HOST || '0.0.0.0'))) {
  for (let port = 1884; port < 1900; port++) {
    if (await free(port, env.HOST || '0.0.0.0')) {
      env.MQTT_PORT = String(port);
      console.log(
        `MQTT port 1883 is taken (another broker?): the embedded broker listens on ${port} instead. ` +
          `Set MQTT_PORT to choose a port, or MQTT_URL=mqtt://127.0.0.1:1883 to use the running broker.`,
      );
      break;
    }
  }
}

const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'apps/server/dist/main.js')], {
  stdio: 'inherit',
  cwd: root,
  env,
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
