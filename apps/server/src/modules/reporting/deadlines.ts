import type { DeadlineKind, DeadlineState, IncidentStatus, ReportKind } from '@vigil/shared';
import { addMinutes, pickRule, type DeadlineRule } from './deadline-rules.js';

/** Casualty figures compared for 补报 (a change after the last report makes a supplement due). */
export interface Figures {
  dead: number;
  missing: number;
  seriouslyInjured: number;
  lightlyInjured: number;
}

export interface DeadlineIncident {
  orgId: string;
  eventType: string;
  grade: number | null;
  status: IncidentStatus;
  occurredAt: Date;
  receivedAt: Date;
  figures: Figures;
}

/** An org of the incident's chain (the incident's org and its ancestors). */
export interface ChainOrg {
  id: string;
  kind: string;
  parentId: string | null;
}

export interface ReportFact {
  id: string;
  orgId: string;
  toOrgId: string;
  kind: ReportKind;
  submittedAt: Date;
  phoneReportedAt: Date | null;
  figures: Figures;
}

export interface ExistingDeadline {
  key: string;
  kind: DeadlineKind;
  orgId: string;
  dueAt: Date;
  anchorReportId: string | null;
  satisfiedAt: Date | null;
  overdueAt: Date | null;
  cancelledAt: Date | null;
}

export interface DesiredDeadline {
  key: string;
  kind: DeadlineKind;
  orgId: string;
  ruleId: string;
  dueAt: Date;
  anchorReportId: string | null;
  satisfiedAt: Date | null;
  satisfiedBy: string | null;
}

export interface DeadlineInput {
  now: Date;
  incident: DeadlineIncident;
  chain: ChainOrg[];
  reports: ReportFact[];
  rules: readonly DeadlineRule[];
  existing: ExistingDeadline[];
}

const OPEN: ReadonlySet<IncidentStatus> = new Set(['received', 'verified', 'responding']);

/** Whether the incident is still being handled (follow-ups are due). */
export function isOpenStatus(s: IncidentStatus): boolean {
  return OPEN.has(s);
}

function sameFigures(a: Figures, b: Figures): boolean {
  return a.dead === b.dead && a.missing === b.missing && a.seriouslyInjured === b.seriouslyInjured && a.lightlyInjured === b.lightlyInjured;
}

const earlier = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/**
 * The report deadlines an incident has now, satisfied or not, from its grade, category, times,
 * status and the reports already sent (standards-cn.md §2.3–2.4, rules held as data):
 * - the incident's org: 较大+ phone report, written first report, 续报 cadence while open,
 *   补报 when casualties change within the window, 终报 once closed;
 * - every org that received a report: pass it up (to the province only where a rule says so).
 * Pure: `existing` keeps due times that were fixed when first noticed (补报, 终报) stable.
 */
export function computeDeadlines(input: DeadlineInput): DesiredDeadline[] {
  const { incident: inc, rules, now } = input;
  const existing = new Map(input.existing.map((e) => [e.key, e]));
  const pick = (kind: DeadlineKind) => pickRule(rules, kind, inc.eventType, inc.grade);
  const terminal = inc.status === 'merged' || inc.status === 'false_report';
  const out: DesiredDeadline[] = [];
  const push = (d: DesiredDeadline) => {
    if (!terminal || d.satisfiedAt) out.push(d);
  };
  const sorted = [...input.reports].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id.localeCompare(b.id));
  const own = sorted.filter((r) => r.orgId === inc.orgId);
  const first = own.find((r) => r.kind === 'first');
  const org = inc.orgId;

  const phone = pick('first_phone');
  const phoneKey = `first_phone:${org}`;
  if (phone && (!first || existing.has(phoneKey))) {
    push({
      key: phoneKey,
      kind: 'first_phone',
      orgId: org,
      ruleId: phone.id,
      dueAt: addMinutes(inc.receivedAt, phone.offsetMinutes),
      anchorReportId: null,
      satisfiedAt: first ? earlier(first.phoneReportedAt ?? first.submittedAt, first.submittedAt) : null,
      satisfiedBy: first?.id ?? null,
    });
  }

  const written = pick('first');
  if (written) {
    push({
      key: `first:${org}`,
      kind: 'first',
      orgId: org,
      ruleId: written.id,
      dueAt: addMinutes(inc.receivedAt, written.offsetMinutes),
      anchorReportId: null,
      satisfiedAt: first?.submittedAt ?? null,
      satisfiedBy: first?.id ?? null,
    });
  }

  forwardDeadlines(input, sorted, pick, push);
  if (first) {
    followupDeadlines(inc, own, pick, push);
    supplementDeadlines(input, own, existing, pick, push, terminal);
  }

  const fin = pick('final');
  const finalKey = `final:${org}`;
  const finalReport = own.find((r) => r.kind === 'final');
  if (fin && (inc.status === 'closed' || existing.has(finalKey))) {
    push({
      key: finalKey,
      kind: 'final',
      orgId: org,
      ruleId: fin.id,
      dueAt: existing.get(finalKey)?.dueAt ?? addMinutes(now, fin.offsetMinutes),
      anchorReportId: null,
      satisfiedAt: finalReport?.submittedAt ?? null,
      satisfiedBy: finalReport?.id ?? null,
    });
  }
  return out;
}

type Pick = (kind: DeadlineKind) => DeadlineRule | undefined;
type Push = (d: DesiredDeadline) => void;

/** Each org that received a report passes it up within the rule's time (its own first report). */
function forwardDeadlines(input: DeadlineInput, sorted: ReportFact[], pick: Pick, push: Push): void {
  const chain = new Map(input.chain.map((o) => [o.id, o]));
  const receivers = [...new Set(sorted.map((r) => r.toOrgId))];
  for (const id of receivers) {
    const receiver = chain.get(id);
    if (!receiver?.parentId) continue;
    const parent = chain.get(receiver.parentId);
    const kind: DeadlineKind = parent?.kind === 'province' ? 'forward_province' : 'forward';
    const r = pick(kind);
    if (!r) continue;
    const receivedAt = sorted.find((x) => x.toOrgId === id)!.submittedAt;
    const own = sorted.find((x) => x.orgId === id && x.kind === 'first');
    push({
      key: `${kind}:${id}`,
      kind,
      orgId: id,
      ruleId: r.id,
      dueAt: addMinutes(receivedAt, r.offsetMinutes),
      anchorReportId: null,
      satisfiedAt: own?.submittedAt ?? null,
      satisfiedBy: own?.id ?? null,
    });
  }
}

/** 续报: after each report (until the final one) the next is due within the cadence while the incident is open. */
function followupDeadlines(inc: DeadlineIncident, own: ReportFact[], pick: Pick, push: Push): void {
  const r = pick('followup');
  if (!r) return;
  const every = r.repeatMinutes ?? r.offsetMinutes;
  for (let i = 0; i < own.length; i++) {
    const anchor = own[i]!;
    if (anchor.kind === 'final') return; // a final report closes the chain
    const next = own[i + 1];
    if (!next && !isOpenStatus(inc.status)) return;
    push({
      key: `followup:${inc.orgId}:${anchor.id}`,
      kind: 'followup',
      orgId: inc.orgId,
      ruleId: r.id,
      dueAt: addMinutes(anchor.submittedAt, every),
      anchorReportId: anchor.id,
      satisfiedAt: next?.submittedAt ?? null,
      satisfiedBy: next?.id ?? null,
    });
  }
}

/**
 * 补报: when the incident's casualties differ from the last report, a report is due within the
 * rule's repeat time (当日补报), no later than the end of the window counted from the occurrence.
 * Earlier supplement deadlines are met by the first report after their anchor.
 */
function supplementDeadlines(
  input: DeadlineInput,
  own: ReportFact[],
  existing: Map<string, ExistingDeadline>,
  pick: Pick,
  push: Push,
  terminal: boolean,
): void {
  const { incident: inc, now } = input;
  const r = pick('supplement');
  if (!r) return;
  const last = own.at(-1)!;
  const currentKey = `supplement:${inc.orgId}:${last.id}`;
  for (const e of existing.values()) {
    if (e.kind !== 'supplement' || e.orgId !== inc.orgId || e.key === currentKey) continue;
    const idx = own.findIndex((x) => x.id === e.anchorReportId);
    const after = idx >= 0 ? own[idx + 1] : undefined;
    if (!after) continue;
    push({
      key: e.key,
      kind: 'supplement',
      orgId: inc.orgId,
      ruleId: r.id,
      dueAt: e.dueAt,
      anchorReportId: e.anchorReportId,
      satisfiedAt: after.submittedAt,
      satisfiedBy: after.id,
    });
  }
  if (terminal || sameFigures(last.figures, inc.figures)) return;
  const windowEnd = addMinutes(inc.occurredAt, r.offsetMinutes);
  const ex = existing.get(currentKey);
  if (!ex && now.getTime() >= windowEnd.getTime()) return;
  const due = ex?.dueAt ?? earlier(addMinutes(now, r.repeatMinutes ?? 1440), windowEnd);
  push({
    key: currentKey,
    kind: 'supplement',
    orgId: inc.orgId,
    ruleId: r.id,
    dueAt: due,
    anchorReportId: last.id,
    satisfiedAt: null,
    satisfiedBy: null,
  });
}

export interface SyncPlan {
  inserts: DesiredDeadline[];
  updates: { key: string; set: { dueAt?: Date; satisfiedAt?: Date; satisfiedBy?: string; ruleId?: string; uncancel?: true } }[];
  /** Open deadlines no longer required that never fell due: removed. */
  deletes: string[];
  /** Overdue deadlines no longer required: kept as missed, closed as cancelled. */
  cancels: string[];
}

/**
 * How to bring the stored deadlines in line with the desired ones. Met deadlines are history and
 * never change; an overdue one keeps its due time (the lateness has been announced).
 */
export function planSync(existing: ExistingDeadline[], desired: DesiredDeadline[]): SyncPlan {
  const plan: SyncPlan = { inserts: [], updates: [], deletes: [], cancels: [] };
  const byKey = new Map(existing.map((e) => [e.key, e]));
  const wanted = new Set(desired.map((d) => d.key));
  for (const d of desired) {
    const ex = byKey.get(d.key);
    if (!ex) {
      plan.inserts.push(d);
      continue;
    }
    if (ex.satisfiedAt) continue;
    const set: SyncPlan['updates'][number]['set'] = {};
    if (!ex.overdueAt && ex.dueAt.getTime() !== d.dueAt.getTime()) set.dueAt = d.dueAt;
    if (d.satisfiedAt && d.satisfiedBy) {
      set.satisfiedAt = d.satisfiedAt;
      set.satisfiedBy = d.satisfiedBy;
    }
    if (ex.cancelledAt) set.uncancel = true;
    if (Object.keys(set).length > 0) plan.updates.push({ key: d.key, set: { ...set, ruleId: d.ruleId } });
  }
  for (const ex of existing) {
    if (wanted.has(ex.key) || ex.satisfiedAt || ex.kind === 'instruction_feedback') continue;
    if (!ex.overdueAt) plan.deletes.push(ex.key);
    else if (!ex.cancelledAt) plan.cancels.push(ex.key);
  }
  return plan;
}

/** A deadline's state at `now` for display and lists. */
export function deadlineState(
  d: { dueAt: Date; satisfiedAt: Date | null; cancelledAt: Date | null; overdueAt: Date | null },
  now: Date,
): DeadlineState {
  if (d.satisfiedAt) return d.satisfiedAt.getTime() <= d.dueAt.getTime() ? 'met' : 'late';
  if (d.cancelledAt) return 'cancelled';
  return d.overdueAt || d.dueAt.getTime() <= now.getTime() ? 'overdue' : 'open';
}

/** Reminders go out 15 and 5 minutes before a deadline. */
export const REMINDER_MINUTES = [15, 5] as const;

/**
 * Which reminder (minutes before due) is owed at `now`, given when the last one was sent; null
 * when none. After downtime only the latest missed stage is sent, once.
 */
export function reminderDue(dueAt: Date, remindedAt: Date | null, now: Date): number | null {
  if (now.getTime() >= dueAt.getTime()) return null;
  for (const m of [...REMINDER_MINUTES].sort((a, b) => a - b)) {
    const at = addMinutes(dueAt, -m).getTime();
    if (now.getTime() >= at) return remindedAt && remindedAt.getTime() >= at ? null : m;
  }
  return null;
}
