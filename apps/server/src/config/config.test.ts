import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, shouldSeedDemo } from './config.js';

describe('configuration', () => {
  it('runs on defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 8080,
      DATA_DIR: './data',
      VIGIL_PROFILE: 'command',
      LOG_LEVEL: 'info',
      ROLES: ['api', 'ingest', 'worker'],
    });
    expect(shouldSeedDemo(c)).toBe(true);
  });

  it('seeds demo data on PostgreSQL only when asked', () => {
    expect(shouldSeedDemo(loadConfig({ DATABASE_URL: 'postgres://x@h/db' }))).toBe(false);
    expect(shouldSeedDemo(loadConfig({ DATABASE_URL: 'postgres://x@h/db', SEED_DEMO: 'true' }))).toBe(true);
  });

  it('names every invalid variable', () => {
    const err = (() => {
      try {
        loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', VIGIL_PROFILE: 'cloud', DEMO_PASSWORD: 'short' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(err).toBeInstanceOf(ConfigError);
    for (const name of ['PORT', 'DATABASE_URL', 'VIGIL_PROFILE', 'DEMO_PASSWORD']) expect(err.message).toContain(name);
  });
});
