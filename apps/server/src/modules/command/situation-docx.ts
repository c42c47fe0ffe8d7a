import { INCIDENT_STATUS_ZH, TASK_STATUS_ZH, type PlotFeatureDto, type SituationDto, type TaskStatus } from '@vigil/shared';
import { formatBeijing } from '../duty/index.js';
import { situationTables } from './command-pdf.js';
import { buildDocx, type DocBlock } from './situation-ooxml.js';
import { legendOf, positionsOf, type LngLat } from './situation-map.js';

const KIND_UNIT: Record<string, [string, string]> = { org: ['单位', '个'], team: ['救援队伍', '支'], user: ['人员', '名'] };
const GEOMETRY_ZH = { Point: '点', LineString: '线', Polygon: '面' } as const;

/** Great-circle distance in metres (haversine). */
function distanceM([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lng2 - lng1) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The mean of a feature's positions (a ring's closing vertex counted twice is close enough for a report). */
function centreOf(f: PlotFeatureDto): LngLat {
  const ps = positionsOf(f.geometry);
  return [ps.reduce((a, p) => a + p[0], 0) / ps.length, ps.reduce((a, p) => a + p[1], 0) / ps.length];
}

/** One line of headline figures: casualties, tasks, forces by type and materials. */
export function situationOverview(s: SituationDto): string[] {
  const c = s.casualties;
  const tasks = Object.values(s.tasksByStatus).reduce((a, n) => a + n, 0);
  const done = s.tasksByStatus.done ?? 0;
  const byKind = new Map<string, number>();
  for (const a of s.assignees) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
  const equipment = (s.equipment ?? []).reduce((a, e) => a + e.dispatched, 0);
  const forces = [
    ...[...byKind].map(([k, n]) => `${KIND_UNIT[k]?.[0] ?? k} ${n} ${KIND_UNIT[k]?.[1] ?? ''}`.trim()),
    ...(equipment > 0 ? [`装备 ${equipment} 台（套）`] : []),
  ].join('、');
  const status = INCIDENT_STATUS_ZH[s.incident.status as keyof typeof INCIDENT_STATUS_ZH] ?? s.incident.status;
  return [
    `事件状态：${status}。人员伤亡：死亡 ${c.dead} 人，失踪 ${c.missing} 人，重伤 ${c.seriouslyInjured} 人，轻伤 ${c.lightlyInjured} 人。`,
    `应急响应 ${s.responses.length} 个；任务 ${tasks} 项，已完成 ${done} 项` +
      `${
        tasks > done
          ? `（${Object.entries(s.tasksByStatus)
              .filter(([k]) => k !== 'done')
              .map(([k, n]) => `${TASK_STATUS_ZH[k as TaskStatus] ?? k} ${n}`)
              .join('，')}）`
          : ''
      }。`,
    `投入力量：${forces || '无'}；调拨物资 ${s.materials.length} 种；待办领导批示 ${s.openInstructions?.length ?? 0} 条。`,
  ];
}

/** The plot as a table (the Word report lists the features; the map itself is drawn in the PDF only). */
function plotBlocks(plot: readonly PlotFeatureDto[], location: LngLat | null): DocBlock[] {
  const legend = legendOf(plot);
  return [
    { kind: 'heading', text: '九、态势标绘' },
    {
      kind: 'paragraph',
      muted: true,
      text:
        plot.length === 0
          ? '事件暂无协同标绘。'
          : `共 ${plot.length} 处标绘：${legend.map((e) => `${e.zh} ${e.count}`).join('、')}。态势图见 PDF 版本，此处列出标绘要素。`,
    },
    {
      kind: 'table',
      columns: [
        { header: '符号', width: 2 },
        { header: '名称', width: 3 },
        { header: '类型', width: 1 },
        { header: '位置（经度, 纬度）', width: 3 },
        { header: '距事发地点', width: 2 },
      ],
      rows: plot.map((f) => {
        const c = centreOf(f);
        const d = location ? distanceM(location, c) : null;
        return [
          legend.find((e) => e.code === f.properties.symbol)?.zh ?? f.properties.symbol,
          f.properties.label ?? '',
          GEOMETRY_ZH[f.geometry.type],
          `${c[0].toFixed(5)}, ${c[1].toFixed(5)}`,
          d === null ? '—' : d >= 1000 ? `${(d / 1000).toFixed(1)} 公里` : `${Math.round(d)} 米`,
        ];
      }),
      empty: '（无）',
    },
  ];
}

/**
 * The situation summary (综合信息汇总) as a Word document: title, times, headline figures, the
 * same sections as the PDF (casualties and trend, responses, tasks, forces, materials, open
 * instructions, timeline) as tables, and the plot's features.
 */
export async function situationDocx(s: SituationDto, plot: readonly PlotFeatureDto[] = []): Promise<Buffer> {
  const at = (iso: string) => formatBeijing(iso);
  const title = `${s.incident.title} 综合信息汇总`;
  const location: LngLat | null = s.location ? [s.location.lng, s.location.lat] : null;
  const blocks: DocBlock[] = [
    { kind: 'title', text: title },
    {
      kind: 'paragraph',
      muted: true,
      text: `事件发生：${at(s.incident.occurredAt)}    接报：${at(s.incident.receivedAt)}    生成：${formatBeijing(s.generatedAt, true)}（北京时间）`,
    },
    { kind: 'heading', text: '概要' },
    ...situationOverview(s).map((text): DocBlock => ({ kind: 'paragraph', text })),
    ...situationTables(s).flatMap((t): DocBlock[] => [
      { kind: 'heading', text: t.title },
      { kind: 'table', columns: t.columns, rows: t.rows },
    ]),
    ...plotBlocks(plot, location),
  ];
  return buildDocx(title, s.generatedAt, blocks);
}
