import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { adminCounts, auditRows, events, orgId, signIn, userId } from './test-support.js';

let t: TestApp;
let sysadmin: Client;
let secadmin: Client;

beforeAll(async () => {
  t = await startTestApp();
  sysadmin = await signIn(t, 'sysadmin');
  secadmin = await signIn(t, 'secadmin');
});
afterAll(async () => t?.close());

async function createUser(body: Record<string, unknown>) {
  const r = await sysadmin.post('/api/v1/users', { displayName: '测试用户', orgId: await orgId(t, 'qz'), ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { user: { id: string; username: string }; temporaryPassword: string };
}

describe('listing users', () => {
  it('pages by username with a cursor and a stable total', async () => {
    const first = await sysadmin.get('/api/v1/users?limit=5');
    expect(first.statusCode).toBe(200);
    const total = first.json().total;
    expect(total).toBeGreaterThanOrEqual(12);
    const seen: string[] = [];
    let url = '/api/v1/users?limit=5';
    for (;;) {
      const page = (await sysadmin.get(url)).json();
      expect(page.total).toBe(total);
      seen.push(...page.items.map((u: { username: string }) => u.username));
      if (!page.nextCursor) break;
      url = `/api/v1/users?limit=5&cursor=${page.nextCursor}`;
    }
    expect(seen).toHaveLength(total);
    expect([...seen].sort()).toEqual(seen);
  });

  it('filters by role, org subtree, status and text', async () => {
    const names = async (qs: string) =>
      (await sysadmin.get(`/api/v1/users?${qs}`)).json().items.map((u: { username: string }) => u.username);
    expect(await names('roleId=duty_officer')).toEqual(['duty', 'duty-jinjiang']);
    expect(await names(`orgId=${await orgId(t, 'qz_jinjiang')}`)).toEqual(['duty-jinjiang']);
    expect(await names(`q=${encodeURIComponent('审计')}`)).toEqual(['auditor']);
    expect(await names('status=disabled')).toEqual([]);
  });

  it('never returns password hashes or TOTP secrets', async () => {
    const body = (await sysadmin.get('/api/v1/users?limit=100')).body;
    expect(body).not.toContain('argon2');
    expect(body).not.toMatch(/password_?hash|totp_?secret/i);
    const one = await sysadmin.get(`/api/v1/users/${await userId(t, 'duty')}`);
    expect(Object.keys(one.json()).sort()).not.toContain('passwordHash');
    expect(one.json().roles).toEqual([
      expect.objectContaining({ roleId: 'duty_officer', roleName: '值班员', scopeOrgName: '泉州市应急管理局' }),
    ]);
  });

  it('rejects a forged cursor with a field error', async () => {
    const r = await sysadmin.get('/api/v1/users?cursor=not-a-cursor');
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('cursor');
  });
});

describe('creating users', () => {
  it('issues a policy-compliant temporary password that must be changed at first login', async () => {
    const out = await createUser({ username: 'Zhang.San', roles: [{ roleId: 'viewer' }] });
    expect(out.user.username).toBe('zhang.san');
    expect(out.temporaryPassword).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{12,}$/);
    expect(out.user).toMatchObject({ mustChangePassword: true, status: 'active', roles: [expect.objectContaining({ roleId: 'viewer' })] });
    const row = await t.platform.db.selectFrom('app_user').selectAll().where('id', '=', out.user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const history = await t.platform.db.selectFrom('password_history').selectAll().where('user_id', '=', out.user.id).execute();
    expect(history.map((h) => h.password_hash)).toEqual([row.password_hash]);
    const login = await t.login('zhang.san', out.temporaryPassword);
    expect(login.stage).toBe('password_change');
    const [audit] = await auditRows(t, 'user.created', out.user.id);
    expect(JSON.stringify(audit)).not.toContain(out.temporaryPassword);
    expect((await events(t, 'user.created')).some((e) => (e.payload as { userId: string }).userId === out.user.id)).toBe(true);
  });

  it('refuses a duplicate username whatever its case', async () => {
    const r = await sysadmin.post('/api/v1/users', { username: 'DUTY', displayName: '重复', orgId: await orgId(t, 'qz') });
    expect(r.statusCode).toBe(409);
    expect(r.json().errors[0].field).toBe('username');
  });

  it('lets the system administrator assign business roles only (三员分立), writing nothing when refused', async () => {
    const before = await adminCounts(t);
    const r = await sysadmin.post('/api/v1/users', {
      username: 'would.be.auditor',
      displayName: '未遂',
      orgId: await orgId(t, 'qz'),
      roles: [{ roleId: 'audit_admin' }],
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().detail).toContain('安全管理员');
    expect(await adminCounts(t)).toEqual(before);
    const denied = (await auditRows(t, 'user.created')).filter((a) => a.result === 'denied');
    expect(denied).toHaveLength(1);
  });

  it('refuses an admin role alongside business roles even for the security administrator', async () => {
    const u = await createUser({ username: 'mixed.case' });
    const r = await secadmin.put(`/api/v1/users/${u.user.id}/roles`, { roles: [{ roleId: 'audit_admin' }, { roleId: 'viewer' }] });
    expect(r.statusCode).toBe(403);
    const roles = await t.platform.db.selectFrom('user_role').selectAll().where('user_id', '=', u.user.id).execute();
    expect(roles).toEqual([]);
  });
});

describe('maintaining accounts', () => {
  it('disabling a user ends their sessions at once', async () => {
    const u = await createUser({ username: 'li.si', roles: [{ roleId: 'viewer' }] });
    await t.platform.db.updateTable('app_user').set({ must_change_password: false }).where('id', '=', u.user.id).execute();
    const li = await t.login('li.si', u.temporaryPassword);
    expect((await li.get('/api/v1/me')).statusCode).toBe(200);
    const r = await sysadmin.patch(`/api/v1/users/${u.user.id}`, { status: 'disabled', phone: '0595-12345678' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'disabled', phone: '0595-12345678' });
    expect((await li.get('/api/v1/me')).statusCode).toBe(401);
    const [audit] = await auditRows(t, 'user.updated', u.user.id);
    expect(audit!.after).toMatchObject({ status: 'disabled', sessionsRevoked: 1 });
    expect(audit!.before).toMatchObject({ status: 'active', phone: null });
  });

  it('moves a user within the subtree but not outside it', async () => {
    const u = await createUser({ username: 'wang.wu' });
    const moved = await sysadmin.patch(`/api/v1/users/${u.user.id}`, { orgId: await orgId(t, 'qz_fengze') });
    expect(moved.json()).toMatchObject({ orgName: '丰泽区应急管理局' });
    const away = await sysadmin.patch(`/api/v1/users/${u.user.id}`, { orgId: await orgId(t, 'fj') });
    expect(away.statusCode).toBe(400);
    expect(away.json().errors[0].field).toBe('orgId');
  });

  it('resets a password: new temporary password, sessions ended, lockout lifted', async () => {
    const u = await createUser({ username: 'zhao.liu', roles: [{ roleId: 'viewer' }] });
    await t.platform.db.updateTable('app_user').set({ must_change_password: false }).where('id', '=', u.user.id).execute();
    const zhao = await t.login('zhao.liu', u.temporaryPassword);
    await t.platform.db
      .updateTable('app_user')
      .set({ locked_until: new Date(Date.now() + 3_600_000) })
      .where('id', '=', u.user.id)
      .execute();
    const r = await sysadmin.post(`/api/v1/users/${u.user.id}/reset-password`);
    expect(r.statusCode).toBe(200);
    const { temporaryPassword, user } = r.json();
    expect(temporaryPassword).not.toBe(u.temporaryPassword);
    expect(user).toMatchObject({ mustChangePassword: true, lockedUntil: null });
    expect((await zhao.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.login('zhao.liu', temporaryPassword)).stage).toBe('password_change');
    expect(await t.platform.db.selectFrom('password_history').select('id').where('user_id', '=', u.user.id).execute()).toHaveLength(2);
    expect(await auditRows(t, 'user.password_reset', u.user.id)).toHaveLength(1);
  });

  it('refuses changing one’s own roles or status', async () => {
    const me = await userId(t, 'secadmin');
    const roles = await secadmin.put(`/api/v1/users/${me}/roles`, { roles: [] });
    expect(roles.statusCode).toBe(403);
    expect(roles.json().detail).toContain('自己');
    const status = await secadmin.patch(`/api/v1/users/${me}`, { status: 'disabled' });
    expect(status.statusCode).toBe(403);
    expect((await t.platform.db.selectFrom('user_role').select('role_id').where('user_id', '=', me).execute()).length).toBe(1);
  });

  it('keeps admin accounts out of the system administrator’s reach', async () => {
    const sec = await userId(t, 'secadmin');
    expect((await sysadmin.post(`/api/v1/users/${sec}/reset-password`)).statusCode).toBe(403);
    expect((await sysadmin.patch(`/api/v1/users/${sec}`, { status: 'disabled' })).statusCode).toBe(403);
    const denied = (await auditRows(t, 'user.password_reset', sec)).filter((a) => a.result === 'denied');
    expect(denied).toHaveLength(1);
  });

  it('never disables the last enabled audit administrator', async () => {
    const r = await secadmin.patch(`/api/v1/users/${await userId(t, 'auditor')}`, { status: 'disabled' });
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain('审计管理员');
  });
});

describe('三员分立 on role grants', () => {
  it('lets only the security administrator grant an admin role, which then stands alone', async () => {
    const u = await createUser({ username: 'second.auditor' });
    const bySys = await sysadmin.put(`/api/v1/users/${u.user.id}/roles`, { roles: [{ roleId: 'audit_admin' }] });
    expect(bySys.statusCode).toBe(403);
    expect(bySys.json().detail).toContain('安全管理员');
    const denied = (await auditRows(t, 'user.roles_changed', u.user.id)).filter((a) => a.result === 'denied');
    expect(denied).toHaveLength(1);

    const bySec = await secadmin.put(`/api/v1/users/${u.user.id}/roles`, { roles: [{ roleId: 'audit_admin' }] });
    expect(bySec.statusCode).toBe(200);
    expect(bySec.json().roles).toEqual([expect.objectContaining({ roleId: 'audit_admin', adminKind: 'audit' })]);
    const ok = (await auditRows(t, 'user.roles_changed', u.user.id)).filter((a) => a.result === 'ok');
    expect(ok).toHaveLength(1);
    expect(ok[0]!.before).toEqual([]);
    expect(ok[0]!.after).toEqual([{ roleId: 'audit_admin', scopeOrgId: await orgId(t, 'qz') }]);
    expect((await events(t, 'user.roles_changed')).some((e) => (e.payload as { userId: string }).userId === u.user.id)).toBe(true);

    const addBusiness = await sysadmin.put(`/api/v1/users/${u.user.id}/roles`, {
      roles: [{ roleId: 'audit_admin' }, { roleId: 'viewer' }],
    });
    expect(addBusiness.statusCode).toBe(409);
    expect(addBusiness.json().detail).toContain('独占');
    const secBusiness = await secadmin.put(`/api/v1/users/${u.user.id}/roles`, { roles: [{ roleId: 'viewer' }] });
    expect(secBusiness.statusCode).toBe(403);
  });

  it('lets the system administrator assign business roles with a narrower scope', async () => {
    const u = await createUser({ username: 'scoped.duty' });
    const jj = await orgId(t, 'qz_jinjiang');
    const r = await sysadmin.put(`/api/v1/users/${u.user.id}/roles`, { roles: [{ roleId: 'duty_officer', scopeOrgId: jj }] });
    expect(r.statusCode).toBe(200);
    expect(r.json().roles).toEqual([expect.objectContaining({ roleId: 'duty_officer', scopeOrgId: jj, scopeOrgName: '晋江市应急管理局' })]);
    const wide = await sysadmin.put(`/api/v1/users/${u.user.id}/roles`, {
      roles: [{ roleId: 'duty_officer', scopeOrgId: await orgId(t, 'fj') }],
    });
    expect(wide.statusCode).toBe(400);
    expect(wide.json().errors[0].field).toBe('roles.0.scopeOrgId');
    const unknown = await sysadmin.put(`/api/v1/users/${u.user.id}/roles`, { roles: [{ roleId: 'no_such_role' }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('roles.0.roleId');
  });

  it('never revokes the last enabled holder of an admin kind', async () => {
    const r = await secadmin.put(`/api/v1/users/${await userId(t, 'sysadmin')}/roles`, { roles: [] });
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain('系统管理员');
    expect(
      await t.platform.db
        .selectFrom('user_role')
        .select('role_id')
        .where('user_id', '=', await userId(t, 'sysadmin'))
        .execute(),
    ).toEqual([{ role_id: 'system_admin' }]);
  });
});
