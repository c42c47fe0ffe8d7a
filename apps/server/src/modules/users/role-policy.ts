import { adminKindOf, isPermission, type AdminKind } from '@vigil/shared';
import { hasPermission, hasPermissionIn, type Actor } from '../../platform/auth/actor.js';

/**
 * 三员分立 — the separation of the three administrators — as pure rules:
 * - a role is either a business role or an admin role of exactly one kind (system, security, audit);
 * - an account holding an admin role holds no other role;
 * - the system administrator (`user.manage`) assigns business roles and keeps ordinary accounts;
 *   the security administrator (`role.manage`) defines roles, grants/revokes admin roles and keeps
 *   admin accounts; the audit administrator only reads the audit log;
 * - nobody changes their own roles or account through the administration routes, and the last
 *   enabled holder of an admin kind is never disabled or demoted.
 */

export const ADMIN_KIND_LABELS: Record<AdminKind, string> = {
  system: '系统管理员',
  security: '安全管理员',
  audit: '审计管理员',
};

export interface PolicyViolation {
  code: 'FORBIDDEN' | 'CONFLICT';
  message: string;
  field?: string;
}

export interface RoleRef {
  id: string;
  nameZh: string;
  adminKind: AdminKind | null;
}

export interface GrantChange {
  role: RoleRef;
  scopePath: string;
  op: 'grant' | 'revoke';
}

type ManagePermission = 'user.manage' | 'role.manage';

/**
 * Directory reads every administrator needs to do their own job (the security administrator sees
 * users to grant roles, the auditor sees users and orgs to read the log); they do not decide a
 * role's admin kind.
 */
const SHARED_ADMIN_READS: ReadonlySet<string> = new Set(['org.read', 'user.read', 'role.read']);

/**
 * The admin kind a role with these permissions has; refuses mixing business and admin permissions,
 * or the distinctive permissions of two administrators.
 */
export function classifyPermissions(permissions: readonly string[]): { adminKind: AdminKind | null } | PolicyViolation {
  const kinds = new Set<AdminKind | null>();
  const distinctive = new Set<AdminKind>();
  for (const p of permissions) {
    if (!isPermission(p)) return { code: 'CONFLICT', message: `不存在的权限 ${p}`, field: 'permissions' };
    const kind = adminKindOf(p);
    kinds.add(kind);
    if (kind && !SHARED_ADMIN_READS.has(p)) distinctive.add(kind);
  }
  const admin = [...kinds].filter((k): k is AdminKind => k !== null);
  if (admin.length > 0 && kinds.has(null))
    return { code: 'CONFLICT', message: '三员分立：管理员权限不能与业务权限放在同一个角色中', field: 'permissions' };
  const decisive = distinctive.size > 0 ? [...distinctive] : admin;
  if (decisive.length > 1)
    return {
      code: 'CONFLICT',
      message: `三员分立：${decisive.map((k) => ADMIN_KIND_LABELS[k]).join('、')}的权限不能放在同一个角色中`,
      field: 'permissions',
    };
  return { adminKind: decisive[0] ?? null };
}

/** Whoever grants or revokes this role must hold this permission. */
export function permissionToAssign(role: RoleRef): ManagePermission {
  return role.adminKind ? 'role.manage' : 'user.manage';
}

/** Refuses a role set in which an admin role shares the account with any other role. */
export function exclusivityViolation(roles: readonly RoleRef[]): PolicyViolation | null {
  const admin = roles.find((r) => r.adminKind);
  if (!admin || roles.length === 1) return null;
  return {
    code: 'CONFLICT',
    message: `三员分立：${admin.nameZh}角色必须独占账户，不能与其他角色（${roles
      .filter((r) => r !== admin)
      .map((r) => r.nameZh)
      .join('、')}）同时持有`,
    field: 'roles',
  };
}

/** Refuses a grant or revocation that is not the actor's to make (wrong administrator, or outside their scope). */
export function assignmentViolation(actor: Actor, changes: readonly GrantChange[]): PolicyViolation | null {
  for (const c of changes) {
    const perm = permissionToAssign(c.role);
    const verb = c.op === 'grant' ? '授予' : '撤销';
    if (!hasPermission(actor, perm)) {
      const message = c.role.adminKind
        ? `三员分立：管理员角色（${c.role.nameZh}）只能由安全管理员${verb}`
        : `三员分立：业务角色（${c.role.nameZh}）由系统管理员分配，您不能${verb}`;
      return { code: 'FORBIDDEN', message, field: 'roles' };
    }
    if (!hasPermissionIn(actor, perm, c.scopePath))
      return { code: 'FORBIDDEN', message: `${c.role.nameZh}的授权范围超出您的管辖范围，不能${verb}`, field: 'roles' };
  }
  return null;
}

/** Admin accounts are kept by the security administrator, ordinary accounts by the system administrator. */
export function accountManagerPermission(targetRoles: readonly RoleRef[]): ManagePermission {
  return targetRoles.some((r) => r.adminKind) ? 'role.manage' : 'user.manage';
}

/** Refuses maintaining (status, password, org, profile) an account the actor does not keep. */
export function accountViolation(actor: Actor, targetRoles: readonly RoleRef[], targetPath: string): PolicyViolation | null {
  const perm = accountManagerPermission(targetRoles);
  if (hasPermissionIn(actor, perm, targetPath)) return null;
  const message =
    perm === 'role.manage' ? '三员分立：管理员账户只能由安全管理员维护' : '三员分立：普通用户账户由系统管理员维护，您不能修改';
  return { code: 'FORBIDDEN', message };
}

/** Refuses acting on one's own account through the administration routes. */
export function selfViolation(actor: Actor, targetUserId: string, what: 'roles' | 'account' | 'password'): PolicyViolation | null {
  if (actor.userId !== targetUserId) return null;
  const message = {
    roles: '不能修改自己的角色，请联系其他管理员',
    account: '不能通过用户管理修改自己的账户状态或所属组织，请联系其他管理员',
    password: '不能重置自己的密码，请在个人中心修改密码',
  }[what];
  return { code: 'FORBIDDEN', message };
}

/** Refuses leaving no enabled holder of an admin kind (the system could no longer be administered). */
export function lastAdminViolation(kind: AdminKind, otherActiveHolders: number): PolicyViolation | null {
  if (otherActiveHolders > 0) return null;
  return { code: 'CONFLICT', message: `至少需保留一名启用的${ADMIN_KIND_LABELS[kind]}，否则系统将无法管理` };
}
