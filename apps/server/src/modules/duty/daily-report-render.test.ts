import ExcelJS from 'exceljs';
import type { DailyReportDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { dailyReportPdf } from './daily-report-pdf.js';
import { dailyReportXlsx } from './daily-report-xlsx.js';
import { pdfText } from './pdf-text.test-support.js';

const person = (name: string, phone: string | null) => ({
  id: '0190f0a0-0000-7000-8000-000000000001',
  role: 'officer' as const,
  userId: null,
  name,
  phone,
  phoneMasked: false,
  signedInAt: '2026-06-01T00:05:00.000Z',
  signedOutAt: null,
});

const report: DailyReportDto = {
  org: { id: '0190f0a0-0000-7000-8000-000000000002', name: '晋江市应急管理局' },
  date: '2026-06-01',
  generatedAt: '2026-06-01T12:34:56.000Z',
  shifts: [
    {
      id: '0190f0a0-0000-7000-8000-000000000003',
      orgId: '0190f0a0-0000-7000-8000-000000000002',
      orgName: '晋江市应急管理局',
      startsAt: '2026-06-01T00:00:00.000Z',
      endsAt: '2026-06-01T10:00:00.000Z',
      kind: 'day',
      note: null,
      source: 'manual',
      leader: { ...person('张建国', '13905951234'), role: 'leader' },
      officers: [person('李明', '13805951111')],
    },
  ],
  incidents: Array.from({ length: 60 }, (_, i) => ({
    id: `inc-${i}`,
    title: i === 59 ? '晋江市安海镇某厂房火灾事故（末页）' : `晋江市第${i + 1}起道路交通事故`,
    eventType: '12B01',
    grade: i === 0 ? 3 : null,
    status: 'received',
    receivedAt: '2026-06-01T02:00:00.000Z',
    dead: i === 0 ? 3 : 0,
    missing: 0,
    seriouslyInjured: 1,
    lightlyInjured: 2,
  })),
  reports: [
    {
      incidentId: 'inc-0',
      incidentTitle: '晋江市第1起道路交通事故',
      kind: 'first',
      fromOrg: '晋江市应急管理局',
      toOrg: '泉州市应急管理局',
      submittedAt: '2026-06-01T02:40:00.000Z',
      acknowledgedAt: null,
      overdue: false,
    },
  ],
  instructions: [],
  handovers: [],
  log: [],
  checks: [],
};

const logEntry: DailyReportDto['log'][number] = {
  id: '0190f0a0-0000-7000-8000-000000000004',
  orgId: '0190f0a0-0000-7000-8000-000000000002',
  orgName: '晋江市应急管理局',
  at: '2026-06-01T03:00:00.000Z',
  kind: 'call_in',
  caller: '安海镇政府',
  callerPhone: '0595-85781234',
  phoneMasked: false,
  summary: '报告厂房明火已扑灭',
  incidentId: null,
  createdBy: null,
  createdAt: '2026-06-01T03:00:00.000Z',
};

describe('daily report rendering', () => {
  it('writes a PDF with Chinese text, the incidents, page numbers and the Beijing generation time', async () => {
    const pdf = await dailyReportPdf(report, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    const flat = text.replace(/\n/g, '');
    expect(flat).toContain('晋江市应急管理局 值班日报');
    expect(flat).toContain('晋江市安海镇某厂房火灾事故（末页）');
    expect(flat).toContain('较大（III级）');
    expect(flat).toContain('生成时间：2026-06-01 20:34:56（北京时间）');
    expect(flat).toMatch(/第 1 页 \/ 共 (\d+) 页/);
    const pages = Number(/共 (\d+) 页/.exec(flat)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(flat).toContain(`第 ${pages} 页 / 共 ${pages} 页`);
    expect(flat).toContain('（无）');
  });

  it('compresses by default and still reads back', async () => {
    const pdf = await dailyReportPdf(report);
    expect(pdf.toString('latin1')).toContain('/FlateDecode');
    expect(pdfText(pdf).replace(/\n/g, '')).toContain('晋江市安海镇某厂房火灾事故（末页）');
  });

  it('keeps a very long cell on one page by cutting it', async () => {
    const long = { ...report, incidents: [], log: [{ ...logEntry, summary: '长'.repeat(4000) }] };
    const pdf = await dailyReportPdf(long, { compress: false });
    const flat = pdfText(pdf).replace(/\n/g, '');
    expect(flat).toContain(`${'长'.repeat(50)}`);
    expect(flat).toContain('…');
    expect(flat).toContain('共 1 页');
  });

  it('answers 503 naming the font package when the CJK font is missing', async () => {
    await expect(dailyReportPdf(report, { fontPath: '/nonexistent/font.ttc' })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      status: 503,
      message: expect.stringContaining('fonts-noto-cjk'),
    });
  });

  it('writes a workbook with one sheet per section and the rows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await dailyReportXlsx(report)) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概况',
      '值班安排',
      '接报事件',
      '信息报送',
      '领导批示',
      '交接班',
      '值班日志',
      '查岗记录',
    ]);
    const incidents = wb.getWorksheet('接报事件')!;
    expect(incidents.rowCount).toBe(61);
    expect(incidents.getRow(61).getCell(2).value).toBe('晋江市安海镇某厂房火灾事故（末页）');
    expect(wb.getWorksheet('值班安排')!.getRow(2).getCell(3).value).toBe('张建国（13905951234）');
    expect(wb.getWorksheet('信息报送')!.getRow(2).getCell(2).value).toBe('首报');
  });
});
