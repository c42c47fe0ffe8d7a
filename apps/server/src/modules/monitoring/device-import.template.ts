import ExcelJS from 'exceljs';
import { DEVICE_CATEGORY_ZH, type DeviceTypeDto } from '@vigil/shared';
import type { ImportRowError } from '../../platform/db/schema.js';
import { DEVICE_COLUMNS } from './device-import.rows.js';

/** The device import template (header, example row, column notes, device types) and the reports of a job. */

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const header = () => DEVICE_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header));

export function templateCsv(): Buffer {
  const lines = [header(), DEVICE_COLUMNS.map((c) => c.example)].map((r) => r.map(csvField).join(','));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function templateXlsx(types: readonly DeviceTypeDto[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('设备');
  sheet.addRow(header()).font = { bold: true };
  sheet.addRow(DEVICE_COLUMNS.map((c) => c.example));
  sheet.columns.forEach((col) => (col.width = 18));
  const notes = wb.addWorksheet('填写说明');
  notes.addRow(['列', '必填', '说明']).font = { bold: true };
  for (const c of DEVICE_COLUMNS) notes.addRow([c.header, c.required ? '是' : '否', c.note]);
  notes.getColumn(3).width = 60;
  const list = wb.addWorksheet('设备类型');
  list.addRow(['设备类型编码', '名称', '类别', '测点']).font = { bold: true };
  for (const t of types)
    list.addRow([t.code, t.nameZh, DEVICE_CATEGORY_ZH[t.category], t.points.map((p) => `${p.nameZh}(${p.metric})`).join('、')]);
  list.getColumn(1).width = 28;
  list.getColumn(4).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The error report of a failed job: 行号, 列, 原因. */
export async function errorReportXlsx(errors: readonly ImportRowError[], failure: string | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('错误报告');
  sheet.addRow(['行号', '列', '原因']).font = { bold: true };
  if (failure) sheet.addRow(['', '', failure]);
  for (const e of errors) sheet.addRow([e.row, e.column ?? '', e.reason]);
  sheet.getColumn(3).width = 70;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
