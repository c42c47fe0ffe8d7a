import { ALL_PERMISSIONS, BUILTIN_ROLES } from '@vigil/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { adminCounts, auditRows, events, orgId, signIn } from './test-support.js';

let t: TestApp;
let sysadmin: Client;
let secadmin: Client;

beforeAll(async () => {
  t = await startTestApp();
  sysadmin = await signIn(t, 'sysadmin');
  secadmin = await signIn(t, 'secadmin');
});
afterAll(async () => t?.close());

const custom = { id: 'county_watch', nameZh: '县区值守', nameEn: 'County watch', permissions: ['incident.read', 'duty.read', 'duty.sign'] };

describe('reading roles and the permission catalogue', () => {
  it('lists the built-in roles with their holders counted', async () => {
    const r = await secadmin.get('/api/v1/roles');
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { id: string; builtin: boolean; userCount: number; adminKind: string | null }[];
    expect(items.filter((x) => x.builtin).map((x) => x.id)).toEqual(expect.arrayContaining(BUILTIN_ROLES.map((b) => b.id)));
    expect(items.find((x) => x.id === 'duty_officer')).toMatchObject({ userCount: 2, adminKind: null });
    expect(items.find((x) => x.id === 'audit_admin')).toMatchObject({ userCount: 1, adminKind: 'audit' });
  });

  it('serves the permission catalogue with both labels and the owning administrator', async () => {
    const r = await sysadmin.get('/api/v1/permissions');
    expect(r.statusCode).toBe(200);
    const items = r.json().items;
    expect(items).toHaveLength(ALL_PERMISSIONS.length);
    expect(items).toContainEqual({ id: 'audit.read', zh: '查看审计日志', en: 'Read audit log', adminKind: 'audit' });
    expect(items).toContainEqual(expect.objectContaining({ id: 'incident.read', adminKind: null }));
  });

  it('is closed to users without role.read', async () => {
    const duty = await t.login('duty');
    expect((await duty.get('/api/v1/roles')).statusCode).toBe(403);
    expect((await duty.get('/api/v1/permissions')).statusCode).toBe(403);
  });
});

describe('custom roles', () => {
  it('are defined by the security administrator only', async () => {
    const bySys = await sysadmin.post('/api/v1/roles', custom);
    expect(bySys.statusCode).toBe(403);
    const r = await secadmin.post('/api/v1/roles', custom);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ ...custom, builtin: false, adminKind: null, userCount: 0 });
    expect(await auditRows(t, 'role.created', custom.id)).toHaveLength(1);
    expect(await events(t, 'role.created')).toHaveLength(1);
    const again = await secadmin.post('/api/v1/roles', custom);
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('id');
  });

  it('may not mix admin and business permissions, nor two administrators (audited, nothing written)', async () => {
    const before = await adminCounts(t);
    const mixed = await secadmin.post('/api/v1/roles', { ...custom, id: 'sneaky', permissions: ['incident.read', 'user.manage'] });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().errors[0].field).toBe('permissions');
    expect(mixed.json().detail).toContain('三员分立');
    const twoAdmins = await secadmin.post('/api/v1/roles', { ...custom, id: 'sneaky2', permissions: ['role.manage', 'audit.read'] });
    expect(twoAdmins.statusCode).toBe(409);
    expect(await adminCounts(t)).toEqual(before);
    const denied = await auditRows(t, 'role.created', 'sneaky');
    expect(denied).toEqual([expect.objectContaining({ result: 'denied' })]);
  });

  it('can be a single-administrator role, which is then exclusive', async () => {
    const r = await secadmin.post('/api/v1/roles', {
      id: 'county_sysadmin',
      nameZh: '县区系统管理员',
      nameEn: 'County sysadmin',
      permissions: ['user.read', 'user.manage', 'org.read'],
    });
    expect(r.json()).toMatchObject({ adminKind: 'system' });
  });

  it('refuses unknown permissions as a field error', async () => {
    const r = await secadmin.post('/api/v1/roles', { ...custom, id: 'typo_role', permissions: ['incident.read', 'incident.destroy'] });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('permissions.1');
  });

  it('are updated with before/after audited; built-in roles are read-only', async () => {
    const builtin = await secadmin.put('/api/v1/roles/viewer', { nameZh: '查看者', nameEn: 'Viewer', permissions: ['incident.read'] });
    expect(builtin.statusCode).toBe(409);
    const r = await secadmin.put(`/api/v1/roles/${custom.id}`, { ...custom, permissions: ['incident.read', 'duty.read'] });
    expect(r.statusCode).toBe(200);
    expect(r.json().permissions).toEqual(['incident.read', 'duty.read']);
    const [row] = await auditRows(t, 'role.updated', custom.id);
    expect((row!.before as { permissions: string[] }).permissions).toContain('duty.sign');
    expect((row!.after as { permissions: string[] }).permissions).not.toContain('duty.sign');
    const renamed = await secadmin.put(`/api/v1/roles/${custom.id}`, { ...custom, id: 'other_id' });
    expect(renamed.statusCode).toBe(400);
    expect((await secadmin.put('/api/v1/roles/no_such_role', { ...custom, id: undefined })).statusCode).toBe(404);
  });

  it('cannot be deleted while held; can be once free', async () => {
    const u = await sysadmin.post('/api/v1/users', {
      username: 'watch.one',
      displayName: '值守一',
      orgId: await orgId(t, 'qz_jinjiang'),
      roles: [{ roleId: custom.id }],
    });
    expect(u.statusCode).toBe(201);
    const inUse = await secadmin.delete(`/api/v1/roles/${custom.id}`);
    expect(inUse.statusCode).toBe(409);
    const toAdmin = await secadmin.put(`/api/v1/roles/${custom.id}`, { ...custom, permissions: ['user.read'] });
    expect(toAdmin.statusCode).toBe(409);
    expect((await sysadmin.put(`/api/v1/users/${u.json().user.id}/roles`, { roles: [] })).statusCode).toBe(200);
    const del = await secadmin.delete(`/api/v1/roles/${custom.id}`);
    expect(del.statusCode).toBe(204);
    expect(await auditRows(t, 'role.deleted', custom.id)).toHaveLength(1);
    expect((await secadmin.delete('/api/v1/roles/viewer')).statusCode).toBe(409);
  });
});
