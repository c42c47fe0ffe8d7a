import type { DailyReportDto, DailyReportQuery } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import * as checks from './checks.repository.js';
import { presentCheck } from './checks.service.js';
import { beijingDay } from './duty-time.js';
import { incidentsBetween, reportingDigest } from './duty.ports.js';
import { dutyOrg, seesPhones } from './duty.policy.js';
import { iso, presentShift } from './duty.presenter.js';
import * as handovers from './handovers.repository.js';
import { presentHandover } from './handovers.service.js';
import * as logs from './log.repository.js';
import { presentLog } from './log.service.js';
import * as repo from './shifts.repository.js';

/** The most log entries one daily report lists. */
const LOG_LIMIT = 2000;

/**
 * The daily duty report (值班日报) of one org for one Beijing calendar day: its shifts and people,
 * incidents received in its subtree, reports and instructions of the reporting chain, handovers
 * at its shift changes, its duty log and the checks it received.
 */
export async function dailyReport(ctx: Ctx, q: Pick<DailyReportQuery, 'orgId' | 'date'>): Promise<DailyReportDto> {
  const org = await dutyOrg(ctx, q.orgId, 'duty.read');
  const { from, to } = beijingDay(q.date);
  const shifts = await repo.shiftsOfOrgBetween(ctx.tx, org.id, from, to);
  const people = await repo.peopleOf(
    ctx.tx,
    shifts.map((s) => s.id),
  );
  const full = seesPhones(ctx.actor, org.path);
  const incidents = await incidentsBetween(ctx.tx, { orgPaths: [org.path], from, to });
  const digest = await reportingDigest(ctx.tx, { orgPaths: [org.path], from, to });
  const logRows = await logs.listLog(ctx.tx, { paths: [org.path], orgId: org.id, from, to, after: null, limit: LOG_LIMIT });
  return {
    org: { id: org.id, name: org.name },
    date: q.date,
    generatedAt: iso(ctx.now),
    shifts: shifts.map((s) => presentShift(s, people, full, ctx.platform.config)),
    incidents: incidents.map((i) => ({
      id: i.id,
      title: i.title,
      eventType: i.event_type,
      grade: i.grade,
      status: i.status,
      receivedAt: iso(i.received_at),
      dead: i.dead,
      missing: i.missing,
      seriouslyInjured: i.seriously_injured,
      lightlyInjured: i.lightly_injured,
    })),
    reports: digest.reports,
    instructions: digest.instructions,
    handovers: (await handovers.handoversOfOrgBetween(ctx.tx, org.id, from, to)).map((h) => presentHandover(h, ctx.now)),
    log: logRows.reverse().map((r) => presentLog(ctx, r)),
    checks: (await checks.checksOfOrgBetween(ctx.tx, org.id, from, to)).map(presentCheck),
  };
}
