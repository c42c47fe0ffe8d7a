import type { ApiTokenDto, CreatedApiTokenDto, PageOf } from '@vigil/shared';
import { http } from '../../lib/api';

export const TOKENS_KEY = ['api-tokens'] as const;

export interface CreateTokenValues {
  name: string;
  userId: string;
  permissions: string[];
  expiresInDays: number | null;
}

/** The newest tokens (one page of up to 200; revoked ones included). */
export const fetchTokens = () => http.get<PageOf<ApiTokenDto>>('/api-tokens', { limit: 200 });
export const createToken = (v: CreateTokenValues) => http.post<CreatedApiTokenDto>('/api-tokens', v);
export const revokeToken = (id: string) => http.del(`/api-tokens/${id}`);

/** A token's state at `now`. */
export function tokenState(t: Pick<ApiTokenDto, 'revokedAt' | 'expiresAt'>, now: number): 'active' | 'revoked' | 'expired' {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && Date.parse(t.expiresAt) <= now) return 'expired';
  return 'active';
}
