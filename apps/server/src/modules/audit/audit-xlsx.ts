import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AuditEntryDto } from '@vigil/shared';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China Standard Time has no daylight saving.
const CELL_MAX = 32_000; // Excel refuses cells longer than 32,767 characters.

/** The wall-clock time in Asia/Shanghai as a timezone-less Date, which Excel shows as-is. */
export function shanghaiWallClock(iso: string | Date): Date {
  return new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS);
}

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai. */
export function formatShanghai(iso: string | Date): string {
  return shanghaiWallClock(iso).toISOString().slice(0, 19).replace('T', ' ');
}

const RESULT_ZH: Record<AuditEntryDto['result'], string> = { ok: '成功', denied: '拒绝', failed: '失败' };

function jsonCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > CELL_MAX ? `${s.slice(0, CELL_MAX)}…` : s;
}

/** Column keys and Chinese headers of the export, in order. */
export const AUDIT_COLUMNS = [
  { key: 'seq', header: '序号', width: 10 },
  { key: 'at', header: '时间（北京时间）', width: 20 },
  { key: 'actorName', header: '操作人', width: 16 },
  { key: 'actorId', header: '操作人ID', width: 38 },
  { key: 'orgId', header: '所属单位ID', width: 38 },
  { key: 'ip', header: 'IP 地址', width: 16 },
  { key: 'action', header: '操作', width: 26 },
  { key: 'entity', header: '对象类型', width: 14 },
  { key: 'entityId', header: '对象ID', width: 38 },
  { key: 'result', header: '结果', width: 8 },
  { key: 'before', header: '变更前', width: 40 },
  { key: 'after', header: '变更后', width: 40 },
  { key: 'requestId', header: '请求编号', width: 38 },
  { key: 'userAgent', header: '客户端', width: 30 },
] as const;

/**
 * Streams audit entries into an .xlsx written to `out` (rows are committed one by one, so memory
 * stays flat however many rows there are). Resolves with the number of rows written.
 */
export async function writeAuditXlsx(out: Writable, rows: AsyncIterable<AuditEntryDto>): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Vigil';
  wb.created = new Date();
  const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = AUDIT_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  ws.getColumn('at').numFmt = 'yyyy-mm-dd hh:mm:ss';
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for await (const r of rows) {
    ws.addRow({
      ...r,
      at: shanghaiWallClock(r.at),
      result: RESULT_ZH[r.result],
      before: jsonCell(r.before),
      after: jsonCell(r.after),
    }).commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  return n;
}
