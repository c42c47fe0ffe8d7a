// `npm run simulate -- --devices 1000 --rate 10 [--broker mqtt://…] [--duration s]`: see SIMULATOR_USAGE.
import { loadSimDevices } from './simulator-devices.js';
import { parseSimulatorArgs, startSimulator } from './simulator.js';

async function main(): Promise<number> {
  const env = process.env;
  let opts;
  try {
    opts = parseSimulatorArgs(process.argv.slice(2), env);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const source = await loadSimDevices(opts, env);
  if (source.devices.length === 0) {
    console.error(`no devices to simulate from ${source.from} (demo devices are seeded with the demo data; or use --devices-file)`);
    return 1;
  }
  const broker = opts.broker ?? source.broker ?? `mqtt://127.0.0.1:${env.MQTT_PORT ?? '1883'}`;
  const points = source.devices.reduce((n, d) => n + d.points.length, 0);
  console.log(
    `simulating ${source.devices.length} devices (${points} points) from ${source.from} → ${broker}: ` +
      `${opts.rate} msg/s each ≈ ${Math.round(source.devices.length * opts.rate)} msg/s, ${Math.round(points * opts.rate)} readings/s` +
      (opts.durationS ? `, for ${opts.durationS} s` : ', Ctrl-C to stop'),
  );
  const sim = startSimulator(opts, broker, source.devices, (line) => console.log(line));
  // Stop cleanly (totals printed) however many times the signal arrives (the npm wrapper forwards it too).
  process.on('SIGINT', () => sim.stop());
  process.on('SIGTERM', () => sim.stop());
  const summary = await sim.done;
  console.log(JSON.stringify(summary));
  return summary.connected === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
