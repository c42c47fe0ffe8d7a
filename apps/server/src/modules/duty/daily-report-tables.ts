import {
  DUTY_LOG_KIND_LABELS,
  DUTY_SHIFT_KIND_LABELS,
  GRADE_ZH,
  INCIDENT_STATUS_ZH,
  type DailyReportDto,
  type DutyPersonDto,
} from '@vigil/shared';
import { beijingClock, formatBeijing } from './duty-time.js';

/** One section of the daily report as a plain table, shared by the Excel and PDF renderings. */
export interface ReportTable {
  title: string;
  columns: { header: string; width: number }[];
  rows: string[][];
}

const REPORT_KIND_ZH: Record<string, string> = { first: '首报', followup: '续报', supplement: '补报', final: '终报' };
const CHECK_STATUS_ZH: Record<string, string> = { pending: '待应答', answered: '已应答', missed: '未按时应答' };

const grade = (g: number | null) => (g ? (GRADE_ZH[g as keyof typeof GRADE_ZH] ?? `${g}级`) : '未定级');
const status = (s: string) => INCIDENT_STATUS_ZH[s as keyof typeof INCIDENT_STATUS_ZH] ?? s;
const time = (iso: string | null) => (iso ? formatBeijing(iso) : '');
const person = (p: DutyPersonDto) => (p.phone ? `${p.name}（${p.phone}）` : p.name);
const signed = (p: DutyPersonDto) =>
  `${p.name}：${p.signedInAt ? `${beijingClock(p.signedInAt)} 签到` : '未签到'}${p.signedOutAt ? `，${beijingClock(p.signedOutAt)} 签退` : ''}`;

/** The report's sections in order, each a table (an empty section has no rows). */
export function reportTables(r: DailyReportDto): ReportTable[] {
  const titles = new Map(r.incidents.map((i) => [i.id, i.title]));
  return [
    {
      title: '一、值班安排',
      columns: [
        { header: '班次', width: 8 },
        { header: '时间', width: 22 },
        { header: '带班领导', width: 22 },
        { header: '值班员', width: 34 },
        { header: '签到情况', width: 30 },
      ],
      rows: r.shifts.map((s) => {
        const all = [...(s.leader ? [s.leader] : []), ...s.officers];
        return [
          DUTY_SHIFT_KIND_LABELS[s.kind],
          `${formatBeijing(s.startsAt)} 至 ${formatBeijing(s.endsAt)}`,
          s.leader ? person(s.leader) : '',
          s.officers.map(person).join('、'),
          all.map(signed).join('；'),
        ];
      }),
    },
    {
      title: '二、接报事件',
      columns: [
        { header: '接报时间', width: 17 },
        { header: '事件名称', width: 40 },
        { header: '事件类型', width: 10 },
        { header: '等级', width: 14 },
        { header: '状态', width: 10 },
        { header: '死亡/失踪/重伤/轻伤', width: 20 },
      ],
      rows: r.incidents.map((i) => [
        time(i.receivedAt),
        i.title,
        i.eventType,
        grade(i.grade),
        status(i.status),
        `${i.dead}/${i.missing}/${i.seriouslyInjured}/${i.lightlyInjured}`,
      ]),
    },
    {
      title: '三、信息报送',
      columns: [
        { header: '事件', width: 34 },
        { header: '报告类型', width: 10 },
        { header: '报送单位', width: 22 },
        { header: '接收单位', width: 22 },
        { header: '报送时间', width: 17 },
        { header: '签收时间', width: 17 },
        { header: '迟报', width: 6 },
      ],
      rows: r.reports.map((p) => [
        p.incidentTitle,
        REPORT_KIND_ZH[p.kind] ?? p.kind,
        p.fromOrg,
        p.toOrg,
        time(p.submittedAt),
        time(p.acknowledgedAt) || '未签收',
        p.overdue ? '是' : '否',
      ]),
    },
    {
      title: '四、领导批示',
      columns: [
        { header: '事件', width: 30 },
        { header: '批示内容', width: 50 },
        { header: '批示人', width: 14 },
        { header: '批示时间', width: 17 },
        { header: '未反馈', width: 8 },
      ],
      rows: r.instructions.map((i) => [
        titles.get(i.incidentId) ?? i.incidentTitle,
        i.text,
        i.author,
        time(i.issuedAt),
        String(i.openTargets),
      ]),
    },
    {
      title: '五、交接班',
      columns: [
        { header: '交班班次', width: 24 },
        { header: '接班班次', width: 24 },
        { header: '交接事项', width: 50 },
        { header: '签收', width: 24 },
      ],
      rows: r.handovers.map((h) => [
        `${DUTY_SHIFT_KIND_LABELS[h.fromShift.kind]} ${formatBeijing(h.fromShift.startsAt)}`,
        `${DUTY_SHIFT_KIND_LABELS[h.toShift.kind]} ${formatBeijing(h.toShift.startsAt)}`,
        [
          h.notes,
          `未结事件 ${h.openItems.incidents.length} 起${h.openItems.incidents.length ? `：${h.openItems.incidents.map((i) => i.title).join('、')}` : ''}`,
          `待报 ${h.openItems.reportsDue.length} 项，未办结批示 ${h.openItems.instructions.length} 项`,
        ]
          .filter(Boolean)
          .join('\n'),
        h.countersignedAt ? `${h.countersignedBy?.name ?? ''} ${time(h.countersignedAt)}` : h.overdue ? '超时未签收' : '待签收',
      ]),
    },
    {
      title: '六、值班日志',
      columns: [
        { header: '时间', width: 17 },
        { header: '类型', width: 8 },
        { header: '来电/联系人', width: 22 },
        { header: '内容', width: 60 },
        { header: '记录人', width: 14 },
      ],
      rows: r.log.map((l) => [
        time(l.at),
        DUTY_LOG_KIND_LABELS[l.kind],
        [l.caller, l.callerPhone].filter(Boolean).join(' '),
        l.incidentId && titles.has(l.incidentId) ? `${l.summary}（关联事件：${titles.get(l.incidentId)}）` : l.summary,
        l.createdBy?.name ?? '',
      ]),
    },
    {
      title: '七、查岗记录',
      columns: [
        { header: '查岗时间', width: 17 },
        { header: '查岗人', width: 16 },
        { header: '内容', width: 40 },
        { header: '结果', width: 12 },
        { header: '应答人', width: 16 },
        { header: '响应时长', width: 10 },
      ],
      rows: r.checks.map((c) => [
        time(c.sentAt),
        c.sentBy.name,
        c.message,
        CHECK_STATUS_ZH[c.status] ?? c.status,
        c.ackedBy?.name ?? '',
        c.responseSeconds === null ? '' : `${c.responseSeconds} 秒`,
      ]),
    },
  ];
}
