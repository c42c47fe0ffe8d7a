import type { Kysely } from 'kysely';
import { sealSecret, type SecretKeySource } from '../../platform/auth/secret-box.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, invalid } from '../../platform/errors.js';
import { findEventCode } from './incident-parts.repository.js';
import { categoryOf, timeProblems } from './incident-input.js';
import { phoneContext } from './incidents.presenter.js';

/**
 * Checks an event code against the national table: it must exist and be specific (level 3 or
 * deeper, or a leaf such as 19000). Returns its level-2 category.
 */
export async function resolveEventType(db: Kysely<Database>, code: string): Promise<{ eventType: string; category: string }> {
  const row = await findEventCode(db, code);
  if (!row) invalid('eventType', `未知的事件类型代码 ${code}`);
  if (row.level < 3 && row.has_children) invalid('eventType', `${code} ${row.name} 是大类，请选择具体的事件类型`);
  const category = categoryOf(code);
  if (!(await findEventCode(db, category))) invalid('eventType', `事件类型 ${code} 不属于任何事件类别`);
  return { eventType: code, category };
}

/** Throws one 400 naming every time field that is in the future or out of order. */
export function assertTimes(occurredAt: Date, receivedAt: Date, now: Date): void {
  const errors = timeProblems({ occurredAt, receivedAt, now });
  if (errors.length > 0) throw new AppError('VALIDATION', errors.map((e) => e.message).join('；'), { errors });
}

/** The reporter phone sealed at rest, bound to the incident. */
export function sealPhone(secrets: SecretKeySource, incidentId: string, phone: string): string {
  return sealSecret(secrets, phone, phoneContext(incidentId));
}

/** Camel-case API numbers → columns. */
export const NUMBER_FIELDS = {
  dead: 'dead',
  missing: 'missing',
  seriouslyInjured: 'seriously_injured',
  lightlyInjured: 'lightly_injured',
  directLossYuan: 'direct_loss_yuan',
  affected: 'affected',
  evacuated: 'evacuated',
} as const;
