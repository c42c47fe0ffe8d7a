import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-foundation.js';

/**
 * Every migration, in order. A static list (not a folder scan) so that the bundle and
 * Vitest load them the same way. Never edit a migration that has shipped: add a new one.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
};
