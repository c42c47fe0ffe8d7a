import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database, WarningColourCol, WarningFeedTable, WarningImportLogTable } from '../../platform/db/schema.js';
import { pathWithin } from '../../platform/db/scope-sql.js';

type Db = Kysely<Database>;
export type FeedRow = Selectable<WarningFeedTable>;
export type ImportLogRow = Selectable<WarningImportLogTable>;

// ---- warning types and their 防御指南 ----

export interface TypeRow {
  code: string;
  name_zh: string;
  name_en: string;
  colours: WarningColourCol[];
}

/** Adds missing types and guides (never overwrites what the bureau edited). */
export async function seedTypes(
  db: Db,
  types: (TypeRow & { sort: number })[],
  guides: { type_code: string; colour: WarningColourCol; instruction_zh: string }[],
): Promise<void> {
  await db
    .insertInto('warning_type')
    .values(types)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  if (guides.length)
    await db
      .insertInto('warning_guide')
      .values(guides)
      .onConflict((oc) => oc.columns(['type_code', 'colour']).doNothing())
      .execute();
}

export async function countTypes(db: Db): Promise<{ types: number; guides: number }> {
  const t = await db
    .selectFrom('warning_type')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const g = await db
    .selectFrom('warning_guide')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { types: Number(t.n), guides: Number(g.n) };
}

export async function listTypes(db: Db): Promise<TypeRow[]> {
  return db.selectFrom('warning_type').select(['code', 'name_zh', 'name_en', 'colours']).orderBy('sort').orderBy('code').execute();
}

export async function findType(db: Db, code: string): Promise<TypeRow | undefined> {
  return db.selectFrom('warning_type').select(['code', 'name_zh', 'name_en', 'colours']).where('code', '=', code).executeTakeFirst();
}

export async function listGuides(db: Db): Promise<{ type_code: string; colour: WarningColourCol; instruction_zh: string }[]> {
  return db.selectFrom('warning_guide').select(['type_code', 'colour', 'instruction_zh']).execute();
}

export async function findGuide(db: Db, code: string, colour: WarningColourCol): Promise<string | undefined> {
  const r = await db
    .selectFrom('warning_guide')
    .select('instruction_zh')
    .where('type_code', '=', code)
    .where('colour', '=', colour)
    .executeTakeFirst();
  return r?.instruction_zh;
}

// ---- feeds ----

export async function listFeeds(db: Db, scope: string[] | null): Promise<FeedRow[]> {
  let q = db.selectFrom('warning_feed').selectAll();
  if (scope) q = q.where(pathWithin('org_path', scope));
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function findFeed(db: Db, id: string): Promise<FeedRow | undefined> {
  return db.selectFrom('warning_feed').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertFeed(db: Db, row: Insertable<WarningFeedTable>): Promise<void> {
  await db.insertInto('warning_feed').values(row).execute();
}

export async function updateFeed(db: Db, id: string, patch: Updateable<WarningFeedTable>): Promise<void> {
  await db.updateTable('warning_feed').set(patch).where('id', '=', id).execute();
}

/** Deletes a feed; imported warnings keep their data but lose the link. */
export async function deleteFeed(db: Db, id: string): Promise<void> {
  await db.updateTable('warning').set({ feed_id: null }).where('feed_id', '=', id).execute();
  await db.deleteFrom('warning_feed').where('id', '=', id).execute();
}

/** Enabled feeds whose interval has passed since the last poll (or never polled). */
export async function feedsDue(db: Db, now: Date): Promise<FeedRow[]> {
  return db
    .selectFrom('warning_feed')
    .selectAll()
    .where('enabled', '=', true)
    .where((eb) =>
      eb.or([eb('last_polled_at', 'is', null), eb(sql<Date>`last_polled_at + make_interval(secs => interval_seconds)`, '<=', now)]),
    )
    .orderBy('last_polled_at', (ob) => ob.asc().nullsFirst())
    .execute();
}

// ---- import log ----

export async function findLogByContent(db: Db, sha256: string): Promise<ImportLogRow | undefined> {
  return db.selectFrom('warning_import_log').selectAll().where('content_sha256', '=', sha256).executeTakeFirst();
}

export async function touchLog(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('warning_import_log').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function insertLog(db: Db, row: Insertable<WarningImportLogTable>): Promise<void> {
  await db
    .insertInto('warning_import_log')
    .values(row)
    .onConflict((oc) => oc.column('content_sha256').doUpdateSet({ last_seen_at: row.last_seen_at }))
    .execute();
}

/** The latest import-log entries, newest first. */
export async function listLog(db: Db, feedId: string | null, limit: number): Promise<ImportLogRow[]> {
  let q = db.selectFrom('warning_import_log').selectAll();
  if (feedId) q = q.where('feed_id', '=', feedId);
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
