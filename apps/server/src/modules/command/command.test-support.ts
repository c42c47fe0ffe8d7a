/**
 * Test helpers for command integration tests and the authorisation matrix: a response with one
 * task owned by a given org. Never imported by the server.
 */
import { sql } from 'kysely';
import type { TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';

/** An active response (level IV) on a new incident of the org (a typhoon), with one unassigned task and an (empty) assessment. */
export async function fixtureResponse(t: TestApp, orgCode: string): Promise<{ incident: string; response: string; task: string }> {
  const db = t.platform.db;
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const incident = newId();
  const response = newId();
  const task = newId();
  const now = t.platform.clock.now();
  await sql`
    INSERT INTO incident (id, org_id, org_path, title, event_type, category, occurred_at, received_at, source)
    VALUES (${incident}, ${org.id}, ${org.path}::ltree, ${`${orgCode} 指挥测试事件`}, '11B01', '11000', ${now}, ${now}, 'phone')`.execute(
    db,
  );
  await sql`
    INSERT INTO command_response (id, incident_id, org_id, org_path, name, level, launched_at)
    VALUES (${response}, ${incident}, ${org.id}, ${org.path}::ltree, ${`${orgCode} 测试响应`}, 'IV', ${now})`.execute(db);
  await sql`
    INSERT INTO command_task (id, response_id, incident_id, org_path, title, source, assigned_at)
    VALUES (${task}, ${response}, ${incident}, ${org.path}::ltree, ${`${orgCode} 测试任务`}, 'adhoc', ${now})`.execute(db);
  // Its after-action assessment (normally opened on termination), for the scope checks of /assessments/:id.
  await sql`
    INSERT INTO command_assessment (id, incident_id, org_id, org_path, measures, evaluation, opened_at, updated_at)
    VALUES (${response}, ${incident}, ${org.id}, ${org.path}::ltree, '{}'::jsonb, '{}'::jsonb, ${now}, ${now})`.execute(db);
  return { incident, response, task };
}
