import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-foundation.js';
import * as m0003 from './0003-admin.js';
import * as m0004 from './0004-realtime.js';

/**
 * Every migration, in order. A static list (not a folder scan) so that the bundle and
 * Vitest load them the same way. Never edit a migration that has shipped: add a new one.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0003-admin': m0003,
  '0004-realtime': m0004,
};
