import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * Files in command work, kept in the incidents' attachment store (one store, one download path,
 * one retention rule): each file is an `incident_attachment` row of the response's incident, and
 * these tables only link it to where it was shared.
 *
 * `command_task_photo`: photos of a task's feedback (现场照片), taken by its assignee (the team
 * leader on site) or a commander. One row per photo; the photo itself is the attachment.
 *
 * `consult_message_attachment`: files (images, PDF, Word, Excel) carried by a consultation message,
 * in the order they were attached (at most five per message, checked by the service).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE command_task_photo (
      attachment_id uuid PRIMARY KEY REFERENCES incident_attachment(id),
      task_id uuid NOT NULL REFERENCES command_task(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX command_task_photo_task ON command_task_photo (task_id, created_at);

    CREATE TABLE consult_message_attachment (
      message_id uuid NOT NULL REFERENCES consult_message(id) ON DELETE CASCADE,
      attachment_id uuid NOT NULL REFERENCES incident_attachment(id),
      position smallint NOT NULL CHECK (position >= 0),
      PRIMARY KEY (message_id, attachment_id)
    );
    CREATE INDEX consult_message_attachment_attachment ON consult_message_attachment (attachment_id);
    `,
  );
}
