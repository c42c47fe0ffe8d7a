import ExcelJS from 'exceljs';
import { GRADE_ZH, INCIDENT_SOURCE_ZH, INCIDENT_STATUS_ZH, type IncidentDto, type IncidentGrade } from '@vigil/shared';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China Standard Time has no daylight saving.

/** The wall-clock time in Asia/Shanghai as a timezone-less Date, which Excel shows as-is. */
const wallClock = (iso: string) => new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS);

export const INCIDENT_COLUMNS = [
  { key: 'receivedAt', header: '接报时间', width: 18 },
  { key: 'occurredAt', header: '事发时间', width: 18 },
  { key: 'title', header: '事件名称', width: 36 },
  { key: 'eventTypeName', header: '事件类型', width: 20 },
  { key: 'eventType', header: '类型代码', width: 10 },
  { key: 'categoryName', header: '事件类别', width: 12 },
  { key: 'grade', header: '事件等级', width: 16 },
  { key: 'status', header: '状态', width: 10 },
  { key: 'orgName', header: '所属单位', width: 24 },
  { key: 'countyName', header: '县（市、区）', width: 12 },
  { key: 'address', header: '地址', width: 30 },
  { key: 'lng', header: '经度', width: 12 },
  { key: 'lat', header: '纬度', width: 12 },
  { key: 'source', header: '信息来源', width: 10 },
  { key: 'dead', header: '死亡', width: 6 },
  { key: 'missing', header: '失踪', width: 6 },
  { key: 'seriouslyInjured', header: '重伤', width: 6 },
  { key: 'lightlyInjured', header: '轻伤', width: 6 },
  { key: 'directLossYuan', header: '直接经济损失（元）', width: 16 },
  { key: 'affected', header: '受灾人数', width: 10 },
  { key: 'evacuated', header: '转移人数', width: 10 },
  { key: 'hasDuplicateHint', header: '疑似重复', width: 8 },
  { key: 'outOfJurisdiction', header: '辖区外', width: 8 },
  { key: 'id', header: '事件编号', width: 38 },
] as const;

/** A workbook of incidents (one row each, Chinese headers, Beijing time). */
export async function incidentsWorkbook(items: readonly IncidentDto[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigil';
  const ws = wb.addWorksheet('事件列表', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = INCIDENT_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getColumn('receivedAt').numFmt = 'yyyy-mm-dd hh:mm';
  ws.getColumn('occurredAt').numFmt = 'yyyy-mm-dd hh:mm';
  ws.getColumn('directLossYuan').numFmt = '#,##0.00';
  for (const i of items)
    ws.addRow({
      ...i,
      receivedAt: wallClock(i.receivedAt),
      occurredAt: wallClock(i.occurredAt),
      grade: i.grade ? GRADE_ZH[i.grade as IncidentGrade] : '未定级',
      status: INCIDENT_STATUS_ZH[i.status],
      source: INCIDENT_SOURCE_ZH[i.source],
      lng: i.location?.lng ?? null,
      lat: i.location?.lat ?? null,
      hasDuplicateHint: i.hasDuplicateHint ? '是' : '',
      outOfJurisdiction: i.outOfJurisdiction ? '是' : '',
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
