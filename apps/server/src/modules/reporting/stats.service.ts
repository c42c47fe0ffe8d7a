import type { ReportStatsDto, ReportStatsQuery, ReportStatsRowDto } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { invalid } from '../../platform/errors.js';
import * as dl from './deadlines.repository.js';
import { readScope } from './reporting-scope.js';

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;
const MAX_DAYS = 400;

/** A day means midnight Beijing time; as the end of a period it includes that whole day. */
function parseBound(v: string, end: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(new Date(`${v}T00:00:00+08:00`).getTime() + (end ? DAY_MS : 0));
  return new Date(v);
}

/** The statistics period: default from the first of the current Beijing month to now. */
export function statsPeriod(q: { from?: string | undefined; to?: string | undefined }, now: Date): { from: Date; to: Date } {
  const local = new Date(now.getTime() + BEIJING_MS);
  const monthStart = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - BEIJING_MS);
  const from = q.from ? parseBound(q.from, false) : monthStart;
  const to = q.to ? parseBound(q.to, true) : now;
  if (from.getTime() >= to.getTime()) invalid('to', '结束时间须晚于开始时间');
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) invalid('from', `统计区间不能超过 ${MAX_DAYS} 天`);
  return { from, to };
}

const row = (key: string, label: string, s: { due: number; on_time: number; late: number; missing: number }): ReportStatsRowDto => ({
  key,
  label,
  due: s.due,
  onTime: s.on_time,
  late: s.late,
  missing: s.missing,
  onTimeRate: s.due > 0 ? Math.round((s.on_time / s.due) * 10_000) / 10_000 : null,
});

/**
 * On-time reporting in the actor's subtree: deadlines that fell due in the period (up to now), met
 * on time, met late (迟报) or still missing, by county (the orgs one level below the actor's) or by month.
 */
export async function reportStats(ctx: Ctx, q: ReportStatsQuery): Promise<ReportStatsDto> {
  const { from, to } = statsPeriod(q, ctx.now);
  const paths = readScope(ctx.actor);
  const base = ctx.actor.orgPath ?? paths?.[0] ?? 'fj.qz';
  const depth = base.split('.').length + 1;
  const until = new Date(Math.min(to.getTime(), ctx.now.getTime()));
  const groups =
    until.getTime() > from.getTime() ? await dl.deadlineStats(ctx.tx, { paths, from, to: until, groupBy: q.groupBy, depth }) : [];
  let rows: ReportStatsRowDto[];
  if (q.groupBy === 'county') {
    const orgs = new Map(
      (
        await dl.orgsByPath(
          ctx.tx,
          groups.map((g) => g.grp),
        )
      ).map((o) => [o.path, o]),
    );
    rows = groups.map((g) => row(orgs.get(g.grp)?.id ?? g.grp, orgs.get(g.grp)?.name ?? g.grp, g));
    rows.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  } else rows = groups.map((g) => row(g.grp, g.grp, g));
  const sum = groups.reduce(
    (s, g) => ({ due: s.due + g.due, on_time: s.on_time + g.on_time, late: s.late + g.late, missing: s.missing + g.missing }),
    { due: 0, on_time: 0, late: 0, missing: 0 },
  );
  return { from: from.toISOString(), to: to.toISOString(), groupBy: q.groupBy, rows, total: row('total', '合计', sum) };
}

/** Late and missing deadlines of the period (the export's detail sheet), at most `limit`. */
export async function lateDetails(ctx: Ctx, q: ReportStatsQuery, limit: number) {
  const { from, to } = statsPeriod(q, ctx.now);
  const until = new Date(Math.min(to.getTime(), ctx.now.getTime()));
  if (until.getTime() <= from.getTime()) return [];
  return dl.lateInPeriod(ctx.tx, readScope(ctx.actor), from, until, limit);
}
