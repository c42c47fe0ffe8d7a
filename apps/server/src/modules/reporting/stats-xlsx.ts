import ExcelJS from 'exceljs';
import { DEADLINE_KIND_ZH, type DeadlineKind, type ReportStatsDto } from '@vigil/shared';
import type { DeadlineRow } from './deadlines.repository.js';
import { beijingTime } from './reporting-scope.js';

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/**
 * The statistics as an Excel workbook: on-time rates by county or month with a total row, and the
 * late (迟报) and missing (未报) deadlines of the period.
 */
export async function statsWorkbook(stats: ReportStatsDto, late: readonly DeadlineRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigil';
  const ws = wb.addWorksheet('报送及时率', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([`统计区间：${beijingTime(new Date(stats.from))} 至 ${beijingTime(new Date(stats.to))}（北京时间）`]);
  ws.mergeCells(1, 1, 1, 6);
  ws.columns = [{ width: 30 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 12 }];
  const head = ws.addRow([stats.groupBy === 'county' ? '单位' : '月份', '应报', '按时', '迟报', '未报', '按时率']);
  head.font = { bold: true };
  for (const r of [...stats.rows, stats.total]) ws.addRow([r.label, r.due, r.onTime, r.late, r.missing, percent(r.onTimeRate)]);
  ws.lastRow!.font = { bold: true };

  const detail = wb.addWorksheet('迟报未报明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  detail.columns = [
    { header: '事件', key: 'incident', width: 36 },
    { header: '报送环节', key: 'kind', width: 12 },
    { header: '责任单位', key: 'org', width: 26 },
    { header: '应报时间', key: 'due', width: 18 },
    { header: '实报时间', key: 'met', width: 18 },
    { header: '状态', key: 'state', width: 10 },
  ];
  detail.getRow(1).font = { bold: true };
  for (const d of late)
    detail.addRow({
      incident: d.incident_title,
      kind: DEADLINE_KIND_ZH[d.kind as DeadlineKind] ?? d.kind,
      org: d.org_name,
      due: beijingTime(d.due_at),
      met: d.satisfied_at ? beijingTime(d.satisfied_at) : '',
      state: d.satisfied_at ? '迟报' : '未报',
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
