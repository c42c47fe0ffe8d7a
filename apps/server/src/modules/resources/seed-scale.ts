import type { Kysely } from 'kysely';
import { refreshStatistics } from '../../platform/db/maintenance.js';
import type { Database } from '../../platform/db/schema.js';
import * as repo from './seed-scale.repository.js';

/**
 * Load-test data (`npm run seed:scale -- --features 100000`): tops the synthetic 'scale'
 * resources up to the requested number, spread over the city and the seven kinds, inserted in
 * set-based batches; `--clear` removes them again. Never touches demo or real data.
 */

export interface ScaleOptions {
  features: number;
  batch: number;
  now: Date;
  progress(msg: string): void;
}

export interface ScaleResult {
  before: number;
  inserted: number;
  after: number;
  ms: number;
}

export async function seedScale(db: Kysely<Database>, o: ScaleOptions): Promise<ScaleResult> {
  const t0 = Date.now();
  if (!(await repo.hasDivision(db, '350500')))
    throw new Error('admin divisions are missing: start the server once (it seeds them) before seeding scale data');
  const before = await repo.countBySource(db, 'scale');
  let inserted = 0;
  let have = before;
  let next = await repo.maxScaleIndex(db);
  // ST_GeneratePoints may return a point less than asked for: go on until the count is reached.
  for (let guard = 0; have < o.features && guard < 1000; guard++) {
    const n = Math.min(o.batch, o.features - have);
    const added = await repo.insertScaleBatch(db, next, n, o.now);
    next += n;
    have += added;
    inserted += added;
    o.progress(`seed-scale: ${have}/${o.features} (${Math.round((Date.now() - t0) / 100) / 10} s)`);
  }
  // The map's queries are planned from these statistics (embedded storage has no autoanalyze).
  if (inserted > 0) await refreshStatistics(db, 'resource');
  return { before, inserted, after: have, ms: Date.now() - t0 };
}

/** Removes all 'scale' resources (and their stock, movements and history). */
export async function clearScale(db: Kysely<Database>): Promise<number> {
  return repo.clearScale(db);
}
