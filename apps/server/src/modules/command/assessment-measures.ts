import type { AssessmentMeasures } from '@vigil/shared';

type When = Date | string | null | undefined;

/** What the measures are computed from: real timestamps of the incident, reports, response and tasks. */
export interface MeasureInputs {
  occurredAt: When;
  receivedAt: When;
  firstReportAt: When;
  launchedAt: When;
  terminatedAt: When;
  tasks: { status: string; deadline_at: When; on_site_at: When; done_at: When }[];
  dispatches: { item_name: string; unit: string; quantity: number | string; returned_quantity: number | string }[];
}

const time = (w: When): number | null => (w ? new Date(w).getTime() : null);
const iso = (w: When): string | null => (w ? new Date(w).toISOString() : null);
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Minutes from `a` to `b` (one decimal); null when either is missing. */
export function minutesBetween(a: When, b: When): number | null {
  const x = time(a);
  const y = time(b);
  return x === null || y === null ? null : round1((y - x) / 60_000);
}

/**
 * The measures of an after-action assessment, at `at` (the termination): durations between the
 * steps of the response, the task completion and overdue rates, and the materials used (dispatched
 * minus returned) by item. Rejected tasks do not count; a task is overdue when it was done after its
 * deadline or is still not done at `at` past it.
 */
export function computeMeasures(i: MeasureInputs, at: Date): AssessmentMeasures {
  const tasks = i.tasks.filter((t) => t.status !== 'rejected');
  const onSite = tasks.map((t) => time(t.on_site_at)).filter((x): x is number => x !== null);
  const firstOnSite = onSite.length ? new Date(Math.min(...onSite)) : null;
  const done = tasks.filter((t) => t.status === 'done').length;
  const overdue = tasks.filter((t) => {
    const due = time(t.deadline_at);
    if (due === null) return false;
    const finished = time(t.done_at);
    return finished !== null ? finished > due : at.getTime() > due;
  }).length;
  const used = new Map<string, { itemName: string; unit: string; used: number }>();
  for (const d of i.dispatches) {
    const key = `${d.item_name}\u0000${d.unit}`;
    const row = used.get(key) ?? { itemName: d.item_name, unit: d.unit, used: 0 };
    row.used += Number(d.quantity) - Number(d.returned_quantity);
    used.set(key, row);
  }
  return {
    occurredAt: iso(i.occurredAt),
    receivedAt: iso(i.receivedAt),
    firstReportAt: iso(i.firstReportAt),
    launchedAt: iso(i.launchedAt),
    firstOnSiteAt: iso(firstOnSite),
    terminatedAt: iso(i.terminatedAt),
    occurrenceToReceiptMin: minutesBetween(i.occurredAt, i.receivedAt),
    receiptToFirstReportMin: minutesBetween(i.receivedAt, i.firstReportAt),
    receiptToLaunchMin: minutesBetween(i.receivedAt, i.launchedAt),
    launchToFirstOnSiteMin: minutesBetween(i.launchedAt, firstOnSite),
    tasksTotal: tasks.length,
    tasksDone: done,
    tasksOverdue: overdue,
    completionRate: tasks.length ? round1((done / tasks.length) * 100) : null,
    overdueRate: tasks.length ? round1((overdue / tasks.length) * 100) : null,
    materials: [...used.values()]
      .map((m) => ({ ...m, used: round1(m.used * 1000) / 1000 }))
      .sort((a, b) => a.itemName.localeCompare(b.itemName)),
  };
}

/** `35 分钟`, `2 小时 5 分钟`, or `—`. */
export function formatMinutes(min: number | null): string {
  if (min === null) return '—';
  if (Math.abs(min) < 60) return `${min} 分钟`;
  const h = Math.floor(min / 60);
  const m = round1(min - h * 60);
  return m ? `${h} 小时 ${m} 分钟` : `${h} 小时`;
}
