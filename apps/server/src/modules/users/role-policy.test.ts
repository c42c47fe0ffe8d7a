import { BUILTIN_ROLES } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../platform/auth/actor.js';
import {
  accountManagerPermission,
  accountViolation,
  assignmentViolation,
  classifyPermissions,
  exclusivityViolation,
  lastAdminViolation,
  selfViolation,
  type RoleRef,
} from './role-policy.js';

const role = (id: string): RoleRef => {
  const r = BUILTIN_ROLES.find((x) => x.id === id)!;
  return { id: r.id, nameZh: r.zh, adminKind: r.adminKind };
};
const actorWith = (roleId: string, scope = 'fj.qz', userId = 'me'): Actor => ({
  ...ANONYMOUS,
  kind: 'user',
  userId,
  orgPath: scope,
  grants: [{ roleId, permissions: new Set(BUILTIN_ROLES.find((r) => r.id === roleId)!.permissions), scopePath: scope }],
});
const sysadmin = actorWith('system_admin');
const secadmin = actorWith('security_admin');
const auditor = actorWith('audit_admin');

describe('role definitions', () => {
  it('classifies business-only and single-kind admin permission sets', () => {
    expect(classifyPermissions(['incident.read', 'duty.sign'])).toEqual({ adminKind: null });
    expect(classifyPermissions(['user.read', 'org.read'])).toEqual({ adminKind: 'system' });
    expect(classifyPermissions(['audit.read'])).toEqual({ adminKind: 'audit' });
  });

  it('refuses a role mixing admin and business permissions', () => {
    expect(classifyPermissions(['user.manage', 'incident.read'])).toMatchObject({ code: 'CONFLICT', field: 'permissions' });
  });

  it('refuses a role mixing the distinctive permissions of two administrators', () => {
    const v = classifyPermissions(['role.manage', 'audit.read']);
    expect(v).toMatchObject({ code: 'CONFLICT' });
    expect((v as { message: string }).message).toContain('安全管理员');
    expect(classifyPermissions(['user.manage', 'role.manage'])).toMatchObject({ code: 'CONFLICT' });
  });

  it('lets any administrator read the user and org directory', () => {
    expect(classifyPermissions(['audit.read', 'user.read', 'org.read'])).toEqual({ adminKind: 'audit' });
    expect(classifyPermissions(['role.manage', 'user.read'])).toEqual({ adminKind: 'security' });
  });

  it('keeps the built-in catalogue itself consistent', () => {
    for (const r of BUILTIN_ROLES) expect(classifyPermissions(r.permissions)).toEqual({ adminKind: r.adminKind });
  });
});

describe('exclusive admin roles', () => {
  it('allows an admin role alone and any number of business roles', () => {
    expect(exclusivityViolation([role('security_admin')])).toBeNull();
    expect(exclusivityViolation([role('duty_officer'), role('commander')])).toBeNull();
  });

  it('refuses an admin role next to a business role or another admin role', () => {
    expect(exclusivityViolation([role('system_admin'), role('viewer')])).toMatchObject({ code: 'CONFLICT' });
    expect(exclusivityViolation([role('system_admin'), role('audit_admin')])?.message).toContain('独占');
  });
});

describe('who grants what', () => {
  const grant = (id: string, scopePath = 'fj.qz') => ({ role: role(id), scopePath, op: 'grant' as const });

  it('lets the system administrator assign business roles within their scope only', () => {
    expect(assignmentViolation(sysadmin, [grant('duty_officer', 'fj.qz.qz_jinjiang')])).toBeNull();
    expect(assignmentViolation(sysadmin, [grant('duty_officer', 'fj')])).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('stops the system administrator granting or revoking any admin role', () => {
    expect(assignmentViolation(sysadmin, [grant('audit_admin')])?.message).toContain('安全管理员');
    expect(assignmentViolation(sysadmin, [{ ...grant('system_admin'), op: 'revoke' }])).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets the security administrator grant admin roles but not business roles', () => {
    expect(assignmentViolation(secadmin, [grant('audit_admin')])).toBeNull();
    expect(assignmentViolation(secadmin, [grant('commander')])).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives the audit administrator no say over roles', () => {
    expect(assignmentViolation(auditor, [grant('viewer')])).not.toBeNull();
    expect(assignmentViolation(auditor, [grant('audit_admin')])).not.toBeNull();
  });
});

describe('account maintenance', () => {
  it('routes admin accounts to the security administrator and others to the system administrator', () => {
    expect(accountManagerPermission([role('audit_admin')])).toBe('role.manage');
    expect(accountManagerPermission([role('viewer')])).toBe('user.manage');
    expect(accountManagerPermission([])).toBe('user.manage');
    expect(accountViolation(sysadmin, [role('security_admin')], 'fj.qz')?.message).toContain('安全管理员');
    expect(accountViolation(secadmin, [role('security_admin')], 'fj.qz')).toBeNull();
    expect(accountViolation(sysadmin, [role('viewer')], 'fj.qz.qz_fengze')).toBeNull();
    expect(accountViolation(sysadmin, [role('viewer')], 'fj')).not.toBeNull();
  });

  it('refuses changing oneself', () => {
    expect(selfViolation(sysadmin, 'me', 'roles')).toMatchObject({ code: 'FORBIDDEN' });
    expect(selfViolation(sysadmin, 'someone-else', 'account')).toBeNull();
  });

  it('keeps at least one enabled holder of each admin kind', () => {
    expect(lastAdminViolation('security', 0)?.message).toContain('安全管理员');
    expect(lastAdminViolation('security', 1)).toBeNull();
  });
});
