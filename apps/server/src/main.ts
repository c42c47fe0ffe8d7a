import { boot } from './boot.js';
import { ConfigError, loadConfig } from './config/config.js';

/** Starts Vigil: config → storage → modules → HTTP, and stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const t0 = Date.now();
  const pretty = process.stdout.isTTY;
  const logger = { level: config.LOG_LEVEL, ...(pretty ? {} : {}) };
  // The Fastify logger is created by buildApp; boot needs one before that, so start with console.
  const bootLog = {
    info: (o: unknown, m?: string) => config.LOG_LEVEL !== 'silent' && console.log(m ?? o),
    warn: (o: unknown, m?: string) => console.warn(m ?? '', o),
    error: (o: unknown, m?: string) => console.error(m ?? '', o),
    debug: () => {},
  };
  const runtime = await boot(config, {
    log: bootLog,
    logger,
    serveWeb: config.ROLES.includes('api'),
    startWorker: true,
    startServices: true,
  });
  runtime.platform.log = runtime.app.log;
  const address = await runtime.app.listen({ port: config.PORT, host: config.HOST });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const url = `http://localhost:${config.PORT}`;
  const lines = [
    '',
    `Vigil 应急管理综合应用平台 is ready in ${secs}s at ${url}  (listening on ${address})`,
    `  storage: ${runtime.platform.dbKind === 'pglite' ? `embedded PostgreSQL in ${config.DATA_DIR}` : 'PostgreSQL'}   events: ${runtime.platform.bus.kind}   profile: ${config.VIGIL_PROFILE}`,
    `  API docs: ${url}/api/docs`,
  ];
  if (runtime.demo) {
    lines.push(`  Demo accounts (password: ${runtime.demo.password}):`);
    for (const a of runtime.demo.accounts) lines.push(`    ${a.username.padEnd(14)} ${a.role} · ${a.org}`);
    lines.push('  The three administrators (sysadmin, secadmin, auditor) enrol a TOTP authenticator at first login.');
  }
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting down…`);
    try {
      await runtime.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') {
    console.error(`Port already in use: ${e.message}. Set PORT to a free port or stop the other process.`);
  } else {
    console.error('Vigil failed to start:', err);
  }
  process.exit(1);
});
