/**
 * Test helpers for plan integration tests: a valid plan body, API shortcuts through the workflow,
 * a draft fixture owned by a given org and an incident with given facts. Never imported by the server.
 */
import { sql } from 'kysely';
import type { Client, TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the DTO's fields freely
export type Json = Record<string, any>;

/** A valid typhoon plan with levels IV and III. */
export function planBody(o: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '测试防台风应急预案',
    level: 'city',
    type: 'special',
    eventCodes: ['11B01'],
    summary: '适用于台风灾害的防御和处置。',
    levels: [
      {
        level: 'IV',
        start: {
          mode: 'any',
          conditions: [
            { kind: 'warningColour', min: 'blue' },
            { kind: 'evacuated', min: 1000 },
          ],
        },
        tasks: [{ title: '启动值班', responsibleRole: '防指办', action: '进入防台风值班状态', deadlineMinutes: 60, resources: [] }],
      },
      {
        level: 'III',
        start: {
          mode: 'any',
          conditions: [
            { kind: 'warningColour', min: 'yellow' },
            { kind: 'dead', min: 3 },
          ],
        },
        tasks: [
          {
            title: '转移群众',
            responsibleRole: '各县（市、区）防指',
            action: '转移沿海低洼地区群众',
            deadlineMinutes: 240,
            resources: [{ kind: 'shelter', quantity: 20, note: '避灾点' }],
          },
        ],
      },
    ],
    ...o,
  };
}

/** Creates a draft through the API (fails the test on any other status). */
export async function draftPlan(c: Client, body: Record<string, unknown> = planBody()): Promise<Json> {
  const r = await c.post('/api/v1/plans', body);
  if (r.statusCode !== 201) throw new Error(`draft failed: ${r.statusCode} ${r.body}`);
  return r.json();
}

/** Posts a workflow step and returns the DTO (fails the test unless 200). */
export async function step(c: Client, id: string, action: string, body: unknown = {}): Promise<Json> {
  const r = await c.post(`/api/v1/plans/${id}/${action}`, body);
  if (r.statusCode !== 200) throw new Error(`${action} failed: ${r.statusCode} ${r.body}`);
  return r.json();
}

/** Drafts, submits (author), approves and activates (approver) a plan. */
export async function activePlan(author: Client, approver: Client, body?: Record<string, unknown>): Promise<Json> {
  const id = String((await draftPlan(author, body)).id);
  await step(author, id, 'submit');
  await step(approver, id, 'approve');
  return step(approver, id, 'activate');
}

/** A draft plan owned by an org (by code); returns its id. */
export async function fixturePlan(t: TestApp, orgCode: string): Promise<string> {
  const db = t.platform.db;
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const id = newId();
  const now = t.platform.clock.now();
  const levels = JSON.stringify(planBody().levels);
  await sql`
    INSERT INTO plan (id, series_id, version_no, org_id, org_path, name, level, type, event_codes, levels, status, created_at, updated_at)
    VALUES (${id}, ${id}, 1, ${org.id}, ${org.path}::ltree, ${`${orgCode} 测试预案`}, 'county', 'special', ARRAY['11B01'],
      ${levels}::jsonb, 'draft', ${now}, ${now})`.execute(db);
  return id;
}

/** An incident of an org with the given facts; returns its id. */
export async function incidentWith(
  t: TestApp,
  orgCode: string,
  f: { eventType: string; grade?: number | null; dead?: number; evacuated?: number; seriouslyInjured?: number },
): Promise<string> {
  const db = t.platform.db;
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const id = newId();
  const at = t.platform.clock.now();
  await sql`
    INSERT INTO incident (id, org_id, org_path, title, event_type, category, occurred_at, received_at, source, grade, dead, evacuated, seriously_injured)
    VALUES (${id}, ${org.id}, ${org.path}::ltree, ${`${orgCode} 预案匹配测试`}, ${f.eventType}, ${`${f.eventType.slice(0, 2)}000`}, ${at}, ${at}, 'phone',
      ${f.grade ?? null}, ${f.dead ?? 0}, ${f.evacuated ?? 0}, ${f.seriouslyInjured ?? 0})`.execute(db);
  return id;
}
