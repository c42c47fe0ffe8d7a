import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AuditEntryDto } from '@vigil/shared';
import { formatShanghai, writeAuditXlsx } from './audit-xlsx.js';

const entry = (seq: number, extra: Partial<AuditEntryDto> = {}): AuditEntryDto => ({
  seq,
  at: '2026-06-01T16:30:05.000Z',
  actorId: null,
  actorName: 'duty',
  orgId: null,
  ip: '10.0.0.1',
  userAgent: null,
  action: 'auth.login',
  entity: 'user',
  entityId: 'u1',
  result: 'ok',
  before: null,
  after: { stage: 'active' },
  requestId: 'r1',
  ...extra,
});

async function* rows(list: AuditEntryDto[]) {
  for (const r of list) yield r;
}

describe('audit xlsx', () => {
  it('shows times in Asia/Shanghai (UTC+8, across midnight)', () => {
    expect(formatShanghai('2026-06-01T16:30:05.000Z')).toBe('2026-06-02 00:30:05');
  });

  it('writes one row per entry with translated results, JSON details and text kept as text', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const n = await writeAuditXlsx(out, rows([entry(2), entry(1, { result: 'denied', actorName: '=1+1', after: 'x'.repeat(40_000) })]));
    expect(n).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(2).getCell('L').value).toBe('{"stage":"active"}');
    expect(ws.getRow(3).getCell('J').value).toBe('拒绝');
    expect(ws.getRow(3).getCell('C').value).toBe('=1+1');
    expect((ws.getRow(3).getCell('L').value as string).length).toBeLessThan(32_767);
  });
});
