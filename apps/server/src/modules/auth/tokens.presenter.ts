import type { ApiTokenDto } from '@vigil/shared';
import type { ApiTokenRow } from './tokens.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Token row → DTO (never the token or its hash). */
export function presentToken(r: ApiTokenRow): ApiTokenDto {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    userId: r.user_id,
    username: r.username,
    permissions: r.permissions,
    expiresAt: iso(r.expires_at),
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
    createdAt: new Date(r.created_at).toISOString(),
  };
}
