import type { Platform } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import { findOrgByCode } from '../orgs/index.js';
import { DEMO_PLANS } from './plans-demo.data.js';
import * as repo from './plans.repository.js';
import { plansDb } from './plans.tables.js';

/** Seeds the Quanzhou demo plans (idempotent: a plan of the same name and org is left alone). */
export async function seedDemoPlans(platform: Platform): Promise<void> {
  const now = platform.clock.now();
  for (const d of DEMO_PLANS) {
    const org = await findOrgByCode(platform.db, d.orgCode);
    if (!org) continue;
    const exists = await plansDb(platform.db)
      .selectFrom('plan')
      .select('id')
      .where('org_id', '=', org.id)
      .where('name', '=', d.content.name)
      .executeTakeFirst();
    if (exists) continue;
    const id = newId();
    const active = d.status === 'active';
    await repo.insertPlan(platform.db, {
      id,
      series_id: id,
      version_no: 1,
      previous_version_id: null,
      org_id: org.id,
      org_path: org.path,
      name: d.content.name,
      level: d.content.level,
      type: d.content.type,
      event_codes: d.content.eventCodes,
      summary: d.content.summary ?? null,
      levels: d.content.levels,
      status: d.status,
      reject_reason: null,
      source: 'demo',
      created_by: null,
      created_by_name: '演示数据',
      submitted_by: null,
      submitted_at: active ? now : null,
      approved_by: null,
      approved_by_name: active ? '演示数据' : null,
      approved_at: active ? now : null,
      activated_by: null,
      activated_at: active ? now : null,
      retired_at: null,
      created_at: now,
      updated_at: now,
    });
  }
}
