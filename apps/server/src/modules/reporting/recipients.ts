import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { onDutyUserIds } from '../duty/index.js';
import { staffHolding } from './reports.repository.js';

type Db = Kysely<Database>;

/** The org's duty desk now: its on-duty leader and officers, else its own staff holding `incident.report`. */
export async function reportDesk(db: Db, orgId: string, at: Date): Promise<string[]> {
  const onDuty = await onDutyUserIds(db, { orgId, at });
  return onDuty.length > 0 ? onDuty : staffHolding(db, orgId, 'incident.report');
}

/** Who hears of an overdue report: the duty desk plus the org's leaders (holders of `incident.instruct`). */
export async function overdueRecipients(db: Db, orgId: string, at: Date): Promise<string[]> {
  const ids = new Set([...(await reportDesk(db, orgId, at)), ...(await staffHolding(db, orgId, 'incident.instruct'))]);
  return [...ids].sort();
}

/** Who acts for an org named as an instruction target: its on-duty officers and its staff holding `incident.update`. */
export async function orgTargetPeople(db: Db, orgId: string, at: Date): Promise<string[]> {
  const ids = new Set([...(await onDutyUserIds(db, { orgId, at })), ...(await staffHolding(db, orgId, 'incident.update'))]);
  return [...ids].sort();
}
