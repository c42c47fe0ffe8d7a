import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import {
  EQUIPMENT_TYPE_ZH,
  ASSESSMENT_DIMENSION_ZH,
  ASSESSMENT_DIMENSIONS,
  ACTION_STATUS_ZH,
  RESPONSE_LEVEL_ZH,
  RESPONSE_STATUS_ZH,
  TASK_STATUS_ZH,
  type AssessmentDto,
  type PlotFeatureDto,
  type SituationDto,
  type TaskStatus,
} from '@vigil/shared';
import { AppError } from '../../platform/errors.js';
import { CJK_FONT_NAME, CJK_FONT_PATH, drawFooters, drawTable, formatBeijing, type PdfOptions, type ReportTable } from '../duty/index.js';
import { formatMinutes } from './assessment-measures.js';
import { drawPlotSnapshot } from './situation-map-pdf.js';

const KIND_ZH: Record<string, string> = { org: '单位', team: '救援队伍', user: '人员' };
const at = (s: string | null) => (s ? formatBeijing(s) : '—');
const pct = (n: number | null) => (n === null ? '—' : `${n}%`);

type Doc = InstanceType<typeof PDFDocument>;

/**
 * Renders a titled A4 report of tables with the CJK font and the duty desk's table and footer
 * helpers; `after` draws more (the map snapshot) below the tables.
 */
async function render(
  title: string,
  subtitle: string,
  tables: ReportTable[],
  generatedAt: string,
  opts: PdfOptions,
  after?: (doc: Doc) => void,
): Promise<Buffer> {
  const fontPath = opts.fontPath ?? CJK_FONT_PATH;
  if (!existsSync(fontPath))
    throw new AppError(
      'UNAVAILABLE',
      `生成 PDF 需要中文字体 ${fontPath}，请在服务器上安装 fonts-noto-cjk 软件包（apt-get install fonts-noto-cjk）`,
    );
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    bufferPages: true,
    compress: opts.compress ?? true,
    info: { Title: title, Creator: 'Vigil' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.font(fontPath, CJK_FONT_NAME);
  const generated = formatBeijing(generatedAt, true);
  doc.fontSize(18).text(title, { align: 'center' });
  doc.moveDown(0.3).fontSize(10).text(subtitle, { align: 'center' });
  for (const t of tables) drawTable(doc, t);
  after?.(doc);
  drawFooters(doc, generated);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The situation summary (综合信息汇总) as tables. */
export function situationTables(s: SituationDto): ReportTable[] {
  const c = s.casualties;
  return [
    {
      title: '一、人员伤亡（当前）',
      columns: [
        { header: '死亡', width: 1 },
        { header: '失踪', width: 1 },
        { header: '重伤', width: 1 },
        { header: '轻伤', width: 1 },
      ],
      rows: [[String(c.dead), String(c.missing), String(c.seriouslyInjured), String(c.lightlyInjured)]],
    },
    {
      title: '二、伤亡变化',
      columns: [
        { header: '时间', width: 3 },
        { header: '来源', width: 2 },
        { header: '死亡', width: 1 },
        { header: '失踪', width: 1 },
        { header: '重伤', width: 1 },
        { header: '轻伤', width: 1 },
      ],
      rows: s.casualtyTrend.map((p) => [
        at(p.at),
        p.source,
        String(p.dead),
        String(p.missing),
        String(p.seriouslyInjured),
        String(p.lightlyInjured),
      ]),
    },
    {
      title: '三、应急响应',
      columns: [
        { header: '名称', width: 4 },
        { header: '级别', width: 2 },
        { header: '状态', width: 1 },
        { header: '启动时间', width: 2 },
      ],
      rows: s.responses.map((r) => [r.name, RESPONSE_LEVEL_ZH[r.level], RESPONSE_STATUS_ZH[r.status], at(r.launchedAt)]),
    },
    {
      title: '四、任务状态',
      columns: [
        { header: '状态', width: 2 },
        { header: '数量', width: 1 },
      ],
      rows: Object.entries(s.tasksByStatus).map(([k, n]) => [TASK_STATUS_ZH[k as TaskStatus] ?? k, String(n)]),
    },
    {
      title: '五、投入力量',
      columns: [
        { header: '类别', width: 1 },
        { header: '名称', width: 3 },
        { header: '任务数/台套', width: 1 },
      ],
      rows: [
        ...s.assignees.map((a) => [KIND_ZH[a.kind] ?? a.kind, a.name, String(a.tasks)]),
        // Equipment sent out, by type: "装备 | 无人机（在用 2） | 3".
        ...(s.equipment ?? []).map((e) => [
          '装备',
          `${e.equipmentType ? (EQUIPMENT_TYPE_ZH[e.equipmentType as keyof typeof EQUIPMENT_TYPE_ZH] ?? e.equipmentType) : '其他'}（在用 ${e.out}）`,
          String(e.dispatched),
        ]),
      ],
    },
    {
      title: '六、调拨物资',
      columns: [
        { header: '物资', width: 3 },
        { header: '单位', width: 1 },
        { header: '调拨', width: 1 },
        { header: '退回', width: 1 },
      ],
      rows: s.materials.map((m) => [m.itemName, m.unit, String(m.dispatched), String(m.returned)]),
    },
    {
      title: '七、待办领导批示',
      columns: [
        { header: '批示内容', width: 5 },
        { header: '批示人', width: 1 },
        { header: '批示时间', width: 2 },
        { header: '办理期限', width: 2 },
        { header: '未反馈', width: 1 },
      ],
      rows: (s.openInstructions ?? []).map((i) => [i.text, i.author, at(i.issuedAt), at(i.dueAt), String(i.openTargets)]),
    },
    {
      title: '八、事件时间线（最近）',
      columns: [
        { header: '时间', width: 2 },
        { header: '内容', width: 6 },
        { header: '记录人', width: 1 },
      ],
      rows: (s.timeline ?? []).map((e) => [at(e.at), e.summary, e.actor ?? '']),
    },
  ];
}

/** The situation summary PDF; with the incident's plot, a map snapshot closes the report. */
export async function situationPdf(s: SituationDto, opts: PdfOptions = {}, plot: readonly PlotFeatureDto[] = []): Promise<Buffer> {
  const subtitle = `事件发生：${at(s.incident.occurredAt)}    接报：${at(s.incident.receivedAt)}（北京时间）`;
  const location = s.location ? ([s.location.lng, s.location.lat] as const) : null;
  return render(`${s.incident.title} 综合信息汇总`, subtitle, situationTables(s), s.generatedAt, opts, (doc) =>
    drawPlotSnapshot(doc, '九、态势标绘', plot, location),
  );
}

/** The assessment (应急评估) as tables: measures, evaluation, corrective actions. */
export function assessmentTables(a: AssessmentDto): ReportTable[] {
  const m = a.measures;
  return [
    {
      title: '一、处置时效',
      columns: [
        { header: '环节', width: 2 },
        { header: '起', width: 2 },
        { header: '止', width: 2 },
        { header: '用时', width: 2 },
      ],
      rows: [
        ['事发至接报', at(m.occurredAt), at(m.receivedAt), formatMinutes(m.occurrenceToReceiptMin)],
        ['接报至首报', at(m.receivedAt), at(m.firstReportAt), formatMinutes(m.receiptToFirstReportMin)],
        ['接报至启动响应', at(m.receivedAt), at(m.launchedAt), formatMinutes(m.receiptToLaunchMin)],
        ['启动至首个任务到场', at(m.launchedAt), at(m.firstOnSiteAt), formatMinutes(m.launchToFirstOnSiteMin)],
      ],
    },
    {
      title: '二、任务执行',
      columns: [
        { header: '任务总数', width: 1 },
        { header: '已完成', width: 1 },
        { header: '完成率', width: 1 },
        { header: '超时', width: 1 },
        { header: '超时率', width: 1 },
      ],
      rows: [[String(m.tasksTotal), String(m.tasksDone), pct(m.completionRate), String(m.tasksOverdue), pct(m.overdueRate)]],
    },
    {
      title: '三、物资消耗',
      columns: [
        { header: '物资', width: 3 },
        { header: '单位', width: 1 },
        { header: '消耗', width: 1 },
      ],
      rows: m.materials.map((x) => [x.itemName, x.unit, String(x.used)]),
    },
    {
      title: '四、评估意见',
      columns: [
        { header: '维度', width: 1 },
        { header: '评分', width: 1 },
        { header: '意见', width: 5 },
      ],
      rows: [
        ...ASSESSMENT_DIMENSIONS.map((d) => [
          ASSESSMENT_DIMENSION_ZH[d],
          a.evaluation[d].score === null ? '—' : `${a.evaluation[d].score} / 5`,
          a.evaluation[d].comment,
        ]),
        ['经验教训', '', a.evaluation.lessons],
      ],
    },
    {
      title: '五、整改措施',
      columns: [
        { header: '措施', width: 4 },
        { header: '责任单位', width: 2 },
        { header: '责任人', width: 1 },
        { header: '期限', width: 2 },
        { header: '状态', width: 1 },
      ],
      rows: a.actions.map((x) => [x.title, x.ownerOrgName ?? '', x.ownerUserName ?? '', at(x.deadline), ACTION_STATUS_ZH[x.status]]),
    },
  ];
}

export async function assessmentPdf(a: AssessmentDto, generatedAt: Date, opts: PdfOptions = {}): Promise<Buffer> {
  const subtitle = `事件：${a.incidentTitle}    ${RESPONSE_LEVEL_ZH[a.level]}    评估开始：${at(a.openedAt)}（北京时间）`;
  return render(`${a.responseName} 应急评估报告`, subtitle, assessmentTables(a), generatedAt.toISOString(), opts);
}
