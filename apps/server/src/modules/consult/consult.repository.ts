import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import {
  consultDb,
  type ConsultDecisionTable,
  type ConsultMessageAttachmentTable,
  type ConsultMessageTable,
  type ConsultParticipantTable,
  type StoredMention,
} from './consult.tables.js';

type Db = Kysely<Database>;

export type MessageRow = Selectable<ConsultMessageTable>;
export type ParticipantRow = Selectable<ConsultParticipantTable>;
export type DecisionRow = Selectable<ConsultDecisionTable>;
export type MessageAttachmentRow = Selectable<ConsultMessageAttachmentTable>;
export interface FeatureRow {
  id: string;
  incident_id: string;
  org_path: string;
  symbol: string;
  label: string | null;
  colour: string;
  geometry: string;
  version: number;
  updated_by: string | null;
  updated_at: Date;
}

/** A page position: the last row's time and id (newest first). */
export interface Cursor {
  at: Date;
  id: string;
}

export async function insertMessage(db: Db, row: Omit<Insertable<ConsultMessageTable>, 'mentions'> & { mentions: StoredMention[] }) {
  await consultDb(db)
    .insertInto('consult_message')
    .values({ ...row, mentions: JSON.stringify(row.mentions) })
    .execute();
}

/** Messages of an incident, newest first, `limit + 1` rows so the caller knows whether more follow. */
export async function listMessages(db: Db, incidentId: string, limit: number, after: Cursor | null): Promise<MessageRow[]> {
  let q = consultDb(db).selectFrom('consult_message').selectAll().where('incident_id', '=', incidentId);
  if (after) q = q.where(sql<boolean>`(created_at, id) < (${after.at}, ${after.id})`);
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function insertMessageAttachments(db: Db, rows: Insertable<ConsultMessageAttachmentTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await consultDb(db).insertInto('consult_message_attachment').values(rows).execute();
}

/** The attachment links of the given messages, in attaching order. */
export async function attachmentLinksOf(db: Db, messageIds: readonly string[]): Promise<MessageAttachmentRow[]> {
  if (messageIds.length === 0) return [];
  return consultDb(db)
    .selectFrom('consult_message_attachment')
    .selectAll()
    .where('message_id', 'in', [...messageIds])
    .orderBy('message_id')
    .orderBy('position')
    .execute();
}

/** Whether the attachment is carried by a message of the incident's room. */
export async function isRoomAttachment(db: Db, incidentId: string, attachmentId: string): Promise<boolean> {
  const r = await consultDb(db)
    .selectFrom('consult_message_attachment as a')
    .innerJoin('consult_message as m', 'm.id', 'a.message_id')
    .select('a.attachment_id')
    .where('m.incident_id', '=', incidentId)
    .where('a.attachment_id', '=', attachmentId)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertDecision(db: Db, row: Insertable<ConsultDecisionTable>) {
  await consultDb(db).insertInto('consult_decision').values(row).execute();
}

/** Decisions of an incident, newest first, `limit + 1` rows. */
export async function listDecisions(db: Db, incidentId: string, limit: number, after: Cursor | null): Promise<DecisionRow[]> {
  let q = consultDb(db).selectFrom('consult_decision').selectAll().where('incident_id', '=', incidentId);
  if (after) q = q.where(sql<boolean>`(created_at, id) < (${after.at}, ${after.id})`);
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function listParticipants(db: Db, incidentId: string): Promise<ParticipantRow[]> {
  return consultDb(db).selectFrom('consult_participant').selectAll().where('incident_id', '=', incidentId).orderBy('added_at').execute();
}

/** Adds a participant once; false when already present. */
export async function insertParticipant(db: Db, row: Insertable<ConsultParticipantTable>): Promise<boolean> {
  const r = await consultDb(db)
    .insertInto('consult_participant')
    .values(row)
    .onConflict((oc) => oc.columns(['incident_id', 'kind', 'ref_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteParticipant(db: Db, incidentId: string, id: string): Promise<ParticipantRow | undefined> {
  return consultDb(db)
    .deleteFrom('consult_participant')
    .where('incident_id', '=', incidentId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

const featureColumns = sql`id, incident_id, org_path::text AS org_path, symbol, label, colour, ST_AsGeoJSON(geom, 7) AS geometry, version, updated_by, updated_at`;

export async function listFeatures(db: Db, incidentId: string): Promise<FeatureRow[]> {
  const r =
    await sql<FeatureRow>`SELECT ${featureColumns} FROM consult_feature WHERE incident_id = ${incidentId} ORDER BY created_at, id`.execute(
      db,
    );
  return r.rows;
}

export async function findFeature(db: Db, incidentId: string, id: string, lock = false): Promise<FeatureRow | undefined> {
  const r = await sql<FeatureRow>`
    SELECT ${featureColumns} FROM consult_feature WHERE incident_id = ${incidentId} AND id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`.execute(
    db,
  );
  return r.rows[0];
}

export interface NewFeature {
  id: string;
  incident_id: string;
  org_path: string;
  symbol: string;
  label: string | null;
  colour: string;
  geojson: string;
  by_id: string | null;
  by_name: string | null;
  at: Date;
}

export async function insertFeature(db: Db, f: NewFeature): Promise<void> {
  await sql`
    INSERT INTO consult_feature (id, incident_id, org_path, symbol, label, colour, geom, created_by, updated_by, created_at, updated_at)
    VALUES (${f.id}, ${f.incident_id}, ${f.org_path}::ltree, ${f.symbol}, ${f.label}, ${f.colour},
      ST_SetSRID(ST_GeomFromGeoJSON(${f.geojson}), 4326), ${f.by_id}, ${f.by_name}, ${f.at}, ${f.at})`.execute(db);
}

/** Applies the changes and bumps the version; the caller holds the row lock and checked the version. */
export async function updateFeature(
  db: Db,
  id: string,
  set: { label?: string | null; colour?: string; geojson?: string },
  byName: string | null,
  at: Date,
): Promise<void> {
  await sql`
    UPDATE consult_feature SET
      label = ${set.label === undefined ? sql`label` : set.label},
      colour = ${set.colour === undefined ? sql`colour` : set.colour},
      geom = ${set.geojson === undefined ? sql`geom` : sql`ST_SetSRID(ST_GeomFromGeoJSON(${set.geojson}), 4326)`},
      version = version + 1, updated_by = ${byName}, updated_at = ${at}
    WHERE id = ${id}`.execute(db);
}

export async function deleteFeature(db: Db, id: string): Promise<void> {
  await consultDb(db).deleteFrom('consult_feature').where('id', '=', id).execute();
}
