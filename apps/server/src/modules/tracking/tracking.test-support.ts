/**
 * Test helpers for tracking: a GPS tracker of an org (bound to a team by name only). Never imported by the server.
 */
import type { TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';
import { hashDeviceSecret } from '../monitoring/index.js';
import { insertTracker } from './tracking.repository.js';

export async function fixtureTracker(t: TestApp, orgCode: string): Promise<string> {
  const org = await t.platform.db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const id = newId();
  await insertTracker(t.platform.db, {
    id,
    code: `GPS-FX-${id.slice(-8)}`,
    name: `${orgCode} 定位终端`,
    kind: 'device',
    subject_kind: 'team',
    subject_id: null,
    subject_name: `${orgCode} 队伍`,
    org_id: org.id,
    org_path: org.path,
    secret_hash: hashDeviceSecret('fixture-secret'),
    source: 'manual',
    created_by: null,
    now: t.platform.clock.now(),
  });
  return id;
}
