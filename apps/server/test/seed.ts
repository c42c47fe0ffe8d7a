import type { Config } from '../src/config/config.js';
import { systemClock } from '../src/platform/clock.js';
import type { Platform } from '../src/platform/ctx.js';
import type { DbHandle } from '../src/platform/db/database.js';
import { LocalBus } from '../src/platform/events/bus.js';
import type { Logger } from '../src/platform/logger.js';
import type { DemoContext, ModuleManifest } from '../src/platform/module.js';

export const TEST_DEMO_PASSWORD = 'Demo-Pass-2026';

/** Runs every module's reference and demo seeding against a database (test template). */
export async function seedAll(handle: DbHandle, config: Config, modules: ModuleManifest[], log: Logger): Promise<DemoContext> {
  const platform: Platform = {
    config,
    db: handle.db,
    dbKind: handle.kind,
    clock: systemClock,
    bus: new LocalBus(log),
    log,
    kickOutbox: () => {},
  };
  for (const m of modules) if (m.seedReference) await m.seedReference(platform);
  const demo: DemoContext = { password: TEST_DEMO_PASSWORD, accounts: [] };
  for (const m of modules) if (m.seedDemo) await m.seedDemo(platform, demo);
  return demo;
}
