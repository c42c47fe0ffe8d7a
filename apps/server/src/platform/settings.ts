import { DEFAULT_SECURITY_POLICY, SecurityPolicy } from '@vigil/shared';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';

let cache: { at: number; policy: SecurityPolicy } | null = null;
const TTL_MS = 5_000;

/** The security policy in force (setting `security_policy`, defaults otherwise), cached briefly. */
export async function getSecurityPolicy(db: Kysely<Database>): Promise<SecurityPolicy> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.policy;
  const row = await db.selectFrom('setting').select('value').where('key', '=', 'security_policy').executeTakeFirst();
  const parsed = SecurityPolicy.safeParse({ ...DEFAULT_SECURITY_POLICY, ...(row?.value as object | undefined) });
  const policy = parsed.success ? parsed.data : DEFAULT_SECURITY_POLICY;
  cache = { at: Date.now(), policy };
  return policy;
}

/** Forget the cached policy (after it changes). */
export function invalidateSecurityPolicy(): void {
  cache = null;
}
