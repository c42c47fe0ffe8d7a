import ExcelJS from 'exceljs';
import type { DailyReportDto } from '@vigil/shared';
import { reportTables } from './daily-report-tables.js';
import { formatBeijing } from './duty-time.js';

/** The daily report as a workbook: a cover sheet, then one sheet per section. */
export async function dailyReportXlsx(r: DailyReportDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigil';
  const tables = reportTables(r);
  const cover = wb.addWorksheet('概况');
  cover.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 60 },
  ];
  cover.getRow(1).font = { bold: true };
  cover.addRow({ k: '单位', v: r.org.name });
  cover.addRow({ k: '日期', v: r.date });
  cover.addRow({ k: '生成时间', v: `${formatBeijing(r.generatedAt, true)}（北京时间）` });
  for (const t of tables) cover.addRow({ k: t.title.replace(/^.、/, ''), v: `${t.rows.length} 条` });
  for (const t of tables) {
    const ws = wb.addWorksheet(t.title.replace(/^.、/, ''), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
    ws.getRow(1).font = { bold: true };
    for (const row of t.rows) {
      const added = ws.addRow(Object.fromEntries(row.map((v, i) => [`c${i}`, v])));
      added.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
