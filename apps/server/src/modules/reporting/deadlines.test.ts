import type { IncidentStatus } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_RULES } from './deadline-rules.js';
import {
  computeDeadlines,
  deadlineState,
  planSync,
  reminderDue,
  type ChainOrg,
  type DeadlineIncident,
  type DesiredDeadline,
  type ExistingDeadline,
  type ReportFact,
} from './deadlines.js';

const T0 = new Date('2026-06-01T02:00:00Z'); // received
const min = (m: number) => new Date(T0.getTime() + m * 60_000);
const CHAIN: ChainOrg[] = [
  { id: 'county', kind: 'county', parentId: 'city' },
  { id: 'city', kind: 'city', parentId: 'prov' },
  { id: 'prov', kind: 'province', parentId: null },
];
const ZERO = { dead: 0, missing: 0, seriouslyInjured: 0, lightlyInjured: 0 };

function incident(o: Partial<DeadlineIncident> = {}): DeadlineIncident {
  return { orgId: 'county', eventType: '12D01', grade: 4, status: 'responding', occurredAt: min(-30), receivedAt: T0, figures: ZERO, ...o };
}

let n = 0;
function report(o: Partial<ReportFact> & Pick<ReportFact, 'kind' | 'submittedAt'>): ReportFact {
  n++;
  return { id: `r${n}`, orgId: 'county', toOrgId: 'city', phoneReportedAt: null, figures: ZERO, ...o };
}

function compute(o: { inc?: Partial<DeadlineIncident>; reports?: ReportFact[]; existing?: ExistingDeadline[]; now?: Date }) {
  return computeDeadlines({
    now: o.now ?? min(0),
    incident: incident(o.inc),
    chain: CHAIN,
    reports: o.reports ?? [],
    rules: DEFAULT_DEADLINE_RULES,
    existing: o.existing ?? [],
  });
}

const byKey = (ds: DesiredDeadline[]) => Object.fromEntries(ds.map((d) => [d.key, d]));
const asExisting = (d: DesiredDeadline, extra: Partial<ExistingDeadline> = {}): ExistingDeadline => ({
  key: d.key,
  kind: d.kind,
  orgId: d.orgId,
  dueAt: d.dueAt,
  anchorReportId: d.anchorReportId,
  satisfiedAt: d.satisfiedAt,
  overdueAt: null,
  cancelledAt: null,
  ...extra,
});

describe('first report deadlines by grade', () => {
  it.each([
    // grade → [kinds], due minutes after receipt
    [4, { first: 60 }],
    [null, { first: 60 }],
    [3, { first_phone: 30, first: 60 }],
    [2, { first_phone: 30, first: 60 }],
    [1, { first_phone: 30, first: 60 }],
  ] as const)('grade %s → %j', (grade, expected) => {
    const ds = compute({ inc: { grade } });
    expect(Object.fromEntries(ds.map((d) => [d.kind, (d.dueAt.getTime() - T0.getTime()) / 60_000]))).toEqual(expected);
    expect(ds.every((d) => d.orgId === 'county' && d.satisfiedAt === null)).toBe(true);
  });

  it('is met by the first report; a phone report time counts for the phone deadline', () => {
    const first = report({ kind: 'first', submittedAt: min(50), phoneReportedAt: min(20) });
    const ds = byKey(compute({ inc: { grade: 3 }, reports: [first], existing: [asExisting(compute({ inc: { grade: 3 } })[0]!)] }));
    expect(ds['first_phone:county']).toMatchObject({ satisfiedAt: min(20), satisfiedBy: first.id });
    expect(ds['first:county']).toMatchObject({ satisfiedAt: min(50), satisfiedBy: first.id });
  });

  it('does not invent a phone deadline when the grade rises after the first report was sent', () => {
    const first = report({ kind: 'first', submittedAt: min(50) });
    const ds = compute({ inc: { grade: 2 }, reports: [first] });
    expect(ds.map((d) => d.kind)).not.toContain('first_phone');
  });
});

describe('forwarding up the chain', () => {
  it('asks nothing more of the city for a 一般 incident (it goes up to the city level only)', () => {
    const first = report({ kind: 'first', submittedAt: min(40) });
    const ds = compute({ inc: { grade: 4 }, reports: [first] });
    expect(ds.filter((d) => d.kind.startsWith('forward'))).toEqual([]);
  });

  it('gives the city 120 minutes from receipt to pass a 较大+ report to the province', () => {
    const first = report({ kind: 'first', submittedAt: min(40) });
    const open = byKey(compute({ inc: { grade: 3 }, reports: [first] }));
    expect(open['forward_province:city']).toMatchObject({ orgId: 'city', dueAt: min(160), satisfiedAt: null });
    const cityFirst = report({ kind: 'first', orgId: 'city', toOrgId: 'prov', submittedAt: min(100) });
    const met = compute({ inc: { grade: 3 }, reports: [first, cityFirst] }).filter((d) => d.kind.startsWith('forward'));
    // the province is the top of the chain: a report to it makes no deadline of its own
    expect(met).toEqual([expect.objectContaining({ key: 'forward_province:city', satisfiedAt: min(100), satisfiedBy: cityFirst.id })]);
  });

  it('makes every level below the city pass a township report up within 120 minutes', () => {
    const chain: ChainOrg[] = [{ id: 'town', kind: 'township', parentId: 'county' }, ...CHAIN];
    const townFirst = report({ kind: 'first', orgId: 'town', toOrgId: 'county', submittedAt: min(30) });
    const countyFirst = report({ kind: 'first', orgId: 'county', toOrgId: 'city', submittedAt: min(60) });
    const ds = computeDeadlines({
      now: min(60),
      incident: incident({ orgId: 'town', grade: 3 }),
      chain,
      reports: [townFirst, countyFirst],
      rules: DEFAULT_DEADLINE_RULES,
      existing: [],
    });
    const k = byKey(ds);
    expect(k['forward:county']).toMatchObject({ dueAt: min(150), satisfiedBy: countyFirst.id });
    expect(k['forward_province:city']).toMatchObject({ dueAt: min(180), satisfiedAt: null });
  });
});

describe('follow-ups (续报)', () => {
  it.each([
    [4, 1440],
    [3, 1440],
    [2, 720],
    [1, 720],
  ] as const)('grade %s: next follow-up due %s minutes after the last report', (grade, every) => {
    const first = report({ kind: 'first', submittedAt: min(40) });
    const ds = byKey(compute({ inc: { grade }, reports: [first] }));
    expect(ds[`followup:county:${first.id}`]).toMatchObject({ dueAt: min(40 + every), satisfiedAt: null });
  });

  it('keeps history: each report meets the follow-up the previous one started', () => {
    const a = report({ kind: 'first', submittedAt: min(40) });
    const b = report({ kind: 'followup', submittedAt: min(2000) });
    const ds = compute({ reports: [a, b] }).filter((d) => d.kind === 'followup');
    expect(ds).toEqual([
      expect.objectContaining({ anchorReportId: a.id, dueAt: min(1480), satisfiedAt: min(2000), satisfiedBy: b.id }),
      expect.objectContaining({ anchorReportId: b.id, dueAt: min(3440), satisfiedAt: null }),
    ]);
  });

  it('stops when the incident is closed and after a final report', () => {
    const a = report({ kind: 'first', submittedAt: min(40) });
    expect(compute({ inc: { status: 'closed' }, reports: [a] }).filter((d) => d.kind === 'followup')).toEqual([]);
    const f = report({ kind: 'final', submittedAt: min(100) });
    const s = report({ kind: 'supplement', submittedAt: min(200) });
    const ds = compute({ inc: { status: 'closed' }, reports: [a, f, s] }).filter((d) => d.kind === 'followup');
    expect(ds.map((d) => d.anchorReportId)).toEqual([a.id]);
  });
});

describe('supplementary reports (补报)', () => {
  const a = () => report({ kind: 'first', submittedAt: min(40), figures: { ...ZERO, dead: 1 } });

  it('is due within a day when casualties change after the last report', () => {
    const first = a();
    const now = min(3000);
    const ds = byKey(compute({ inc: { figures: { ...ZERO, dead: 2 } }, reports: [first], now }));
    expect(ds[`supplement:county:${first.id}`]).toMatchObject({ dueAt: new Date(now.getTime() + 1440 * 60_000), satisfiedAt: null });
  });

  it('is not due when the figures match the last report', () => {
    expect(compute({ inc: { figures: { ...ZERO, dead: 1 } }, reports: [a()] }).some((d) => d.kind === 'supplement')).toBe(false);
  });

  it.each([
    ['12H01', 7, false],
    ['12H01', 6.9, true],
    ['12G02', 7.1, false],
    ['12D01', 7.1, true],
    ['12D01', 29.9, true],
    ['12D01', 30, false],
  ] as const)('%s: a change noticed %s days after the occurrence → due %s', (eventType, days, due) => {
    const occurredAt = min(-30);
    const now = new Date(occurredAt.getTime() + days * 86_400_000);
    const ds = compute({ inc: { eventType, status: 'closed', figures: { ...ZERO, dead: 3 } }, reports: [a()], now });
    expect(ds.some((d) => d.kind === 'supplement')).toBe(due);
  });

  it('never ends after the window: the due time is capped at its end', () => {
    const occurredAt = min(-30);
    const now = new Date(occurredAt.getTime() + 6.5 * 86_400_000);
    const [d] = compute({ inc: { eventType: '12H01', figures: { ...ZERO, dead: 3 } }, reports: [a()], now }).filter(
      (x) => x.kind === 'supplement',
    );
    expect(d!.dueAt).toEqual(new Date(occurredAt.getTime() + 7 * 86_400_000));
  });

  it('keeps the due time fixed when first noticed, and is met by the next report', () => {
    const first = a();
    const first1 = byKey(compute({ inc: { figures: { ...ZERO, dead: 2 } }, reports: [first], now: min(3000) }));
    const open = asExisting(first1[`supplement:county:${first.id}`]!);
    const later = byKey(compute({ inc: { figures: { ...ZERO, dead: 2 } }, reports: [first], existing: [open], now: min(3500) }));
    expect(later[open.key]!.dueAt).toEqual(open.dueAt);
    const sup = report({ kind: 'supplement', submittedAt: min(3600), figures: { ...ZERO, dead: 2 } });
    const met = byKey(compute({ inc: { figures: { ...ZERO, dead: 2 } }, reports: [first, sup], existing: [open], now: min(3600) }));
    expect(met[open.key]).toMatchObject({ satisfiedAt: min(3600), satisfiedBy: sup.id });
  });
});

describe('final report and end states', () => {
  it('asks for a final report within a day of closing, fixed at the first recompute', () => {
    const first = report({ kind: 'first', submittedAt: min(40) });
    const ds = byKey(compute({ inc: { status: 'closed' }, reports: [first], now: min(5000) }));
    expect(ds['final:county']).toMatchObject({ dueAt: min(5000 + 1440), satisfiedAt: null });
    const again = byKey(
      compute({ inc: { status: 'closed' }, reports: [first], now: min(6000), existing: [asExisting(ds['final:county']!)] }),
    );
    expect(again['final:county']!.dueAt).toEqual(min(6440));
  });

  it('keeps only met deadlines for a false report or a merged incident', () => {
    const first = report({ kind: 'first', submittedAt: min(40) });
    for (const status of ['false_report', 'merged'] as IncidentStatus[]) {
      const ds = compute({ inc: { status }, reports: [first] });
      expect(ds.every((d) => d.satisfiedAt !== null)).toBe(true);
      expect(ds.map((d) => d.kind).sort()).toEqual(['first']);
    }
  });
});

describe('planSync', () => {
  const first = report({ kind: 'first', submittedAt: min(40) });
  const desired = compute({ reports: [first] });

  it('inserts what is new and leaves what is unchanged', () => {
    const plan = planSync([], desired);
    expect(plan.inserts.map((d) => d.key).sort()).toEqual(desired.map((d) => d.key).sort());
    expect(
      planSync(
        desired.map((d) => asExisting(d)),
        desired,
      ),
    ).toEqual({ inserts: [], updates: [], deletes: [], cancels: [] });
  });

  it('deletes an open deadline no longer required and cancels an overdue one', () => {
    const open = asExisting({ ...desired[0]!, key: 'followup:county:x', kind: 'followup', satisfiedAt: null });
    const late = asExisting({ ...desired[0]!, key: 'followup:county:y', kind: 'followup', satisfiedAt: null }, { overdueAt: min(10) });
    const plan = planSync([open, late], []);
    expect(plan.deletes).toEqual([open.key]);
    expect(plan.cancels).toEqual([late.key]);
  });

  it('never changes a met deadline and keeps the due time of an overdue one', () => {
    const d = desired.find((x) => x.kind === 'first')!;
    const met = asExisting(d, { dueAt: min(1) });
    expect(planSync([met], [{ ...d, dueAt: min(99) }]).updates).toEqual([]);
    const overdue = asExisting({ ...d, satisfiedAt: null, satisfiedBy: null }, { overdueAt: min(61) });
    expect(planSync([overdue], [{ ...d, dueAt: min(99) }]).updates).toEqual([
      { key: d.key, set: { satisfiedAt: d.satisfiedAt, satisfiedBy: d.satisfiedBy, ruleId: d.ruleId } },
    ]);
  });
});

describe('deadlineState and reminders with a controllable clock', () => {
  const due = min(60);
  it.each([
    [min(0), null, null, null, 'open'],
    [min(60), null, null, null, 'overdue'],
    [min(61), null, null, null, 'overdue'],
    [min(61), min(59), null, null, 'met'],
    [min(61), min(60), null, null, 'met'],
    [min(90), min(61), null, null, 'late'],
    [min(90), null, min(70), min(61), 'cancelled'],
  ] as const)('at %s (met %s, cancelled %s) → %s', (now, satisfiedAt, cancelledAt, overdueAt, state) => {
    expect(deadlineState({ dueAt: due, satisfiedAt, cancelledAt, overdueAt }, now)).toBe(state);
  });

  it.each([
    [min(44), null, null],
    [min(45), null, 15],
    [min(50), min(45), null],
    [min(55), min(45), 5],
    [min(57), min(55), null],
    [min(56), null, 5], // after downtime only the latest stage, once
    [min(60), null, null], // due: overdue marking takes over
  ] as const)('reminder at %s (last %s) → %s', (now, last, stage) => {
    expect(reminderDue(due, last, now)).toBe(stage);
  });
});
