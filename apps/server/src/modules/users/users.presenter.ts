import type { AdminKind, RoleDto, RoleGrantDto, UserDto } from '@vigil/shared';
import type { RoleWithCount } from './roles.repository.js';
import type { grantsOfUsers, UserWithOrg } from './users.repository.js';

type GrantRow = Awaited<ReturnType<typeof grantsOfUsers>>[number];

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Row → API shape; never carries the password hash or the TOTP secret. */
export function toUserDto(u: UserWithOrg, grants: readonly GrantRow[], now: Date): UserDto {
  const locked = u.locked_until && new Date(u.locked_until) > now ? iso(u.locked_until) : null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    orgId: u.org_id,
    orgName: u.org_name,
    phone: u.phone,
    email: u.email,
    status: u.status,
    lockedUntil: locked,
    mustChangePassword: u.must_change_password,
    totpEnabled: u.totp_enabled,
    isDemo: u.is_demo,
    lastLoginAt: iso(u.last_login_at),
    createdAt: iso(u.created_at)!,
    roles: grants.filter((g) => g.user_id === u.id).map(toGrantDto),
  };
}

function toGrantDto(g: GrantRow): RoleGrantDto {
  return {
    roleId: g.role_id,
    roleName: g.name_zh,
    adminKind: g.admin_kind as AdminKind | null,
    scopeOrgId: g.scope_org_id,
    scopeOrgName: g.scope_org_name,
  };
}

export function toRoleDto(r: RoleWithCount): RoleDto {
  return {
    id: r.id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    adminKind: r.admin_kind,
    builtin: r.builtin,
    permissions: [...r.permissions],
    userCount: Number(r.user_count ?? 0),
  };
}
