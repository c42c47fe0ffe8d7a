import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { DailyReportDto } from '@vigil/shared';
import { AppError } from '../../platform/errors.js';
import { reportTables, type ReportTable } from './daily-report-tables.js';
import { formatBeijing } from './duty-time.js';

/** The CJK font of Debian's fonts-noto-cjk package, and the face used from its collection. */
export const CJK_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
export const CJK_FONT_NAME = 'NotoSansCJKsc-Regular';

export interface PdfOptions {
  /** Deflate page streams (default true); tests turn it off to read the text. */
  compress?: boolean;
  fontPath?: string;
}

type Doc = InstanceType<typeof PDFDocument>;

const MARGIN = 40;
const FOOTER_GAP = 24;
/** Longer cell text is cut so that one table row always fits on a page (the Excel export keeps it whole). */
const CELL_MAX_CHARS = 600;

const fit = (s: string) => (s.length > CELL_MAX_CHARS ? `${s.slice(0, CELL_MAX_CHARS)}…` : s);

function drawRow(doc: Doc, row: string[], widths: number[], header: boolean): void {
  const cells = row.map(fit);
  const pad = 3;
  const fontSize = header ? 9 : 8.5;
  doc.fontSize(fontSize);
  const heights = cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - pad * 2 }));
  const h = Math.max(...heights) + pad * 2;
  if (doc.y + h > doc.page.height - MARGIN - FOOTER_GAP) doc.addPage();
  const y = doc.y;
  let x = MARGIN;
  if (header)
    doc
      .rect(
        MARGIN,
        y,
        widths.reduce((a, b) => a + b, 0),
        h,
      )
      .fill('#e8edf3')
      .fillColor('#000000');
  cells.forEach((c, i) => {
    doc.rect(x, y, widths[i]!, h).lineWidth(0.5).stroke('#9aa5b1');
    doc.fillColor('#000000').text(c, x + pad, y + pad, { width: widths[i]! - pad * 2 });
    x += widths[i]!;
  });
  doc.x = MARGIN;
  doc.y = y + h;
}

/** A titled table, split over pages as needed (also used by the command module's reports). */
export function drawTable(doc: Doc, t: ReportTable): void {
  if (doc.y > doc.page.height - MARGIN - FOOTER_GAP - 60) doc.addPage();
  doc.moveDown(0.6).fontSize(12).text(t.title, MARGIN, doc.y).moveDown(0.3);
  if (t.rows.length === 0) {
    doc.fontSize(9).fillColor('#555555').text('（无）').fillColor('#000000');
    return;
  }
  const usable = doc.page.width - MARGIN * 2;
  const total = t.columns.reduce((a, c) => a + c.width, 0);
  const widths = t.columns.map((c) => (c.width / total) * usable);
  drawRow(
    doc,
    t.columns.map((c) => c.header),
    widths,
    true,
  );
  for (const row of t.rows) drawRow(doc, row, widths, false);
}

/** Page numbers and the generation time on every buffered page. */
export function drawFooters(doc: Doc, generated: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    doc
      .fontSize(8)
      .fillColor('#555555')
      .text(`第 ${i + 1} 页 / 共 ${range.count} 页    生成时间：${generated}（北京时间）`, MARGIN, doc.page.height - MARGIN, {
        width: doc.page.width - MARGIN * 2,
        align: 'center',
      });
    doc.page.margins.bottom = bottom;
  }
}

/**
 * Renders the daily report as an A4 PDF with the Noto CJK font: title, sections as tables, page
 * numbers and the generation time in Beijing time. Without the font: 503 naming the package.
 */
export async function dailyReportPdf(r: DailyReportDto, opts: PdfOptions = {}): Promise<Buffer> {
  const fontPath = opts.fontPath ?? CJK_FONT_PATH;
  if (!existsSync(fontPath))
    throw new AppError(
      'UNAVAILABLE',
      `生成 PDF 需要中文字体 ${fontPath}，请在服务器上安装 fonts-noto-cjk 软件包（apt-get install fonts-noto-cjk）`,
    );
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: opts.compress ?? true,
    info: { Title: `${r.org.name} 值班日报 ${r.date}`, Creator: 'Vigil' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.font(fontPath, CJK_FONT_NAME);
  const generated = formatBeijing(r.generatedAt, true);
  doc.fontSize(18).text(`${r.org.name} 值班日报`, { align: 'center' });
  doc.moveDown(0.3).fontSize(10).text(`日期：${r.date}    生成时间：${generated}（北京时间）`, { align: 'center' });
  for (const t of reportTables(r)) drawTable(doc, t);
  drawFooters(doc, generated);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
