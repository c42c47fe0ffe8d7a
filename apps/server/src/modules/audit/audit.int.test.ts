import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { verifyAuditChain } from '../../platform/audit/audit.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { sha256Hex } from '../../platform/auth/tokens.js';
import { inTransaction, NO_META } from '../../platform/ctx.js';
import { planAuditExport } from './audit.service.js';

let t: TestApp;
let auditor: Client;
let duty: Client;

/** The administrators enrol TOTP at first login; tests skip that step by finishing the session directly. */
async function activate(c: Client): Promise<Client> {
  const token = c.cookie!.split('=')[1]!;
  await t.platform.db.updateTable('session').set({ stage: 'active' }).where('id', '=', sha256Hex(token)).execute();
  return c;
}

const auditRows = (action: string) => t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

beforeAll(async () => {
  t = await startTestApp();
  duty = await t.login('duty');
  auditor = await activate(await t.login('auditor'));
});
afterAll(async () => t?.close());

describe('audit log search', () => {
  it('shows the auditor login rows, newest first, with the total', async () => {
    const r = await auditor.get('/api/v1/audit?action=auth.login');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    const names = body.items.map((i: { actorName: string }) => i.actorName);
    expect(names).toEqual(expect.arrayContaining(['duty', 'auditor']));
    expect(body.items[0]).toMatchObject({ action: 'auth.login', entity: 'user', result: 'ok', ip: '10.0.0.1' });
    expect(body.total).toBe(body.items.length);
    const seqs = body.items.map((i: { seq: number }) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('refuses a duty officer with 403 and records the refusal; anonymous gets 401', async () => {
    const r = await duty.get('/api/v1/audit');
    expect(r.statusCode).toBe(403);
    const denied = await auditRows('access.denied');
    expect(denied.some((d) => d.actor_name === 'duty' && d.entity_id === 'GET /api/v1/audit')).toBe(true);
    expect((await t.anonymous().get('/api/v1/audit')).statusCode).toBe(401);
    expect((await duty.get('/api/v1/audit/export')).statusCode).toBe(403);
    expect((await duty.get('/api/v1/audit/verify')).statusCode).toBe(403);
  });

  it('filters by actor, action prefix, result and time, and pages with a cursor', async () => {
    await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'duty', password: 'wrong-Password-1' } });
    const failed = (await auditor.get('/api/v1/audit?actor=duty&result=failed')).json();
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ action: 'auth.login_failed', actorName: 'duty', after: { reason: 'bad_password' } });

    const auth = (await auditor.get('/api/v1/audit?actor=duty&action=auth.*')).json();
    expect(auth.items.map((i: { action: string }) => i.action).sort()).toEqual(['auth.login', 'auth.login_failed']);

    const future = (await auditor.get(`/api/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).json();
    expect(future).toEqual({ items: [], nextCursor: null, total: 0 });
    const pastOnly = (await auditor.get(`/api/v1/audit?to=${encodeURIComponent('2000-01-01T00:00:00+08:00')}`)).json();
    expect(pastOnly.total).toBe(0);
    const window = (
      await auditor.get(`/api/v1/audit?actor=duty&from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`)
    ).json();
    expect(window.total).toBeGreaterThanOrEqual(2);

    const p1 = (await auditor.get('/api/v1/audit?limit=2')).json();
    expect(p1.items).toHaveLength(2);
    expect(p1.nextCursor).toBe(String(p1.items[1].seq));
    const p2 = (await auditor.get(`/api/v1/audit?limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2.items[0].seq).toBeLessThan(p1.items[1].seq);
    expect(p2.total).toBe(p1.total);
  });

  it('rejects bad filters with a field error', async () => {
    const swapped = await auditor.get(`/api/v1/audit?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z`);
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().errors[0].field).toBe('to');
    const unknown = await auditor.get('/api/v1/audit?colour=red');
    expect(unknown.statusCode).toBe(400);
    const cursor = await auditor.get('/api/v1/audit?cursor=abc');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().errors[0].field).toBe('cursor');
    expect((await auditor.get('/api/v1/audit?from=yesterday')).json().errors[0].field).toBe('from');
  });

  it('limits a county auditor to the county subtree (plus rows without an org)', async () => {
    const jj = await t.platform.db.selectFrom('org').select(['id', 'path']).where('code', '=', 'qz_jinjiang').executeTakeFirstOrThrow();
    const user = await t.platform.db.selectFrom('app_user').select('id').where('username', '=', 'duty-jinjiang').executeTakeFirstOrThrow();
    await t.platform.db
      .insertInto('user_role')
      .values({ user_id: user.id, role_id: 'audit_admin', scope_org_id: jj.id, scope_path: jj.path, granted_by: null })
      .execute();
    // Holding an administrator role now, the account must enrol TOTP first; skip that step.
    const county = await activate(await t.login('duty-jinjiang'));
    const items = (await county.get('/api/v1/audit?action=auth.login&limit=500')).json().items as { actorName: string }[];
    expect(items.map((i) => i.actorName)).toEqual(['duty-jinjiang']);
    await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody-here', password: 'x-Password-1' } });
    const unknown = (await county.get('/api/v1/audit?action=auth.login_failed')).json().items as { actorName: string }[];
    expect(unknown.map((i) => i.actorName)).toContain('nobody-here');
    expect(unknown.map((i) => i.actorName)).not.toContain('duty');
  });
});

describe('audit export', () => {
  it('streams a real .xlsx with Chinese headers and Shanghai times, and audits the export', async () => {
    const r = await auditor.get('/api/v1/audit/export?action=auth.login');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.getRow(1).getCell(1).value).toBe('序号');
    expect(ws.getRow(1).getCell(2).value).toBe('时间（北京时间）');
    expect(ws.getRow(1).getCell(10).value).toBe('结果');
    const listed = (await auditor.get('/api/v1/audit?action=auth.login&limit=500')).json();
    expect(ws.rowCount - 1).toBe(listed.total);
    expect(r.headers['x-total-count']).toBe(String(listed.total));
    const first = listed.items[0];
    const row = ws.getRow(2);
    expect(row.getCell(1).value).toBe(first.seq);
    expect(row.getCell(3).value).toBe(first.actorName);
    expect(row.getCell(7).value).toBe('auth.login');
    expect(row.getCell(10).value).toBe('成功');
    const shown = row.getCell(2).value as Date;
    expect(shown.getTime() - new Date(first.at).getTime()).toBe(8 * 3_600_000);

    const exported = await auditRows('audit.exported');
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({
      actor_name: 'auditor',
      result: 'ok',
      after: { filters: { action: 'auth.login' }, rows: listed.total },
    });
  });

  it('refuses an export above the row cap and writes no export audit row', async () => {
    const before = (await auditRows('audit.exported')).length;
    await expect(inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) => planAuditExport(ctx, {}, 3))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(await auditRows('audit.exported')).toHaveLength(before);
  });
});

describe('audit chain verification', () => {
  const db = () => t.platform.db;

  it('reports an intact chain, through the API and the function `npm run audit:verify` calls', async () => {
    const r = await auditor.get('/api/v1/audit/verify');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, firstBadSeq: null, problem: null });
    expect(r.json().checked).toBeGreaterThan(5);
    const cli = await verifyAuditChain(db(), t.platform.config.AUDIT_HMAC_KEY);
    expect(cli).toMatchObject({ ok: true, checked: r.json().checked });
    // The chain was written without a key: verifying with one must fail at the first row.
    expect(await verifyAuditChain(db(), 'another-key-0123456789')).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  it('rejects UPDATE, DELETE and TRUNCATE while the append-only trigger is on', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(db())).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('finds an altered row, then a missing one', async () => {
    const target = 3;
    const original = await db().selectFrom('audit_log').select('action').where('seq', '=', target).executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db());
    await sql`UPDATE audit_log SET action = 'auth.logout' WHERE seq = ${target}`.execute(db());
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db());
    const altered = (await auditor.get('/api/v1/audit/verify')).json();
    expect(altered).toMatchObject({ ok: false, firstBadSeq: target, checked: target - 1 });
    expect(altered.problem).toContain('altered');

    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db());
    await sql`UPDATE audit_log SET action = ${original.action} WHERE seq = ${target}`.execute(db());
    await sql`DELETE FROM audit_log WHERE seq = 5`.execute(db());
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db());
    const missing = (await auditor.get('/api/v1/audit/verify')).json();
    expect(missing).toMatchObject({ ok: false, firstBadSeq: 5, checked: 4 });
    expect(missing.problem).toContain('missing');
  });
});
