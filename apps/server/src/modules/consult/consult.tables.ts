import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database, Timestamp } from '../../platform/db/schema.js';

/** A jsonb column: read as the value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface StoredMention {
  userId: string;
  name: string;
}

export interface ConsultMessageTable {
  id: string;
  incident_id: string;
  org_path: string;
  body: string;
  mentions: Json<StoredMention[]>;
  author_id: string | null;
  author_name: string | null;
  created_at: Timestamp;
}

/** A file carried by a message (an `incident_attachment` of the message's incident), in attaching order. */
export interface ConsultMessageAttachmentTable {
  message_id: string;
  attachment_id: string;
  position: number;
}

export interface ConsultParticipantTable {
  id: string;
  incident_id: string;
  org_path: string;
  kind: 'user' | 'expert';
  ref_id: string;
  name: string;
  added_by: string | null;
  added_at: Timestamp;
}

export interface ConsultDecisionTable {
  id: string;
  incident_id: string;
  org_path: string;
  summary: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Timestamp;
}

export interface ConsultFeatureTable {
  id: string;
  incident_id: string;
  org_path: string;
  symbol: string;
  label: string | null;
  colour: string;
  /** Written with `ST_GeomFromGeoJSON`, read with `ST_AsGeoJSON`. */
  geom: unknown;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The platform schema plus the consult tables. */
export interface ConsultDatabase extends Database {
  consult_message: ConsultMessageTable;
  consult_message_attachment: ConsultMessageAttachmentTable;
  consult_participant: ConsultParticipantTable;
  consult_decision: ConsultDecisionTable;
  consult_feature: ConsultFeatureTable;
}

export type ConsultDb = Kysely<ConsultDatabase>;

/** The same connection or transaction, typed with the consult tables. */
export function consultDb(db: Kysely<Database>): ConsultDb {
  return db as unknown as ConsultDb;
}
