import type { DeadlineDto, ReportDto, ReportKind } from '@vigil/shared';

/** Whether a deadline still waits for a report (open or already overdue). */
export function isPending(d: Pick<DeadlineDto, 'state'>): boolean {
  return d.state === 'open' || d.state === 'overdue';
}

/** Whether a deadline is overdue at `now`: marked so, or open with its time passed (before the worker marks it). */
export function isOverdue(d: Pick<DeadlineDto, 'state' | 'dueAt'>, now: number): boolean {
  return d.state === 'overdue' || (d.state === 'open' && Date.parse(d.dueAt) <= now);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A countdown to (positive) or past (negative) a deadline: `00:59:58`, `-00:05:00`, `2天 03:00:00`
 * (`2d 03:00:00` in English).
 */
export function formatCountdown(ms: number, locale: string): string {
  const sign = ms < 0 ? '-' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(s / 86_400);
  s -= days * 86_400;
  const hms = `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  if (!days) return `${sign}${hms}`;
  return `${sign}${days}${locale === 'en' ? 'd' : '天'} ${hms}`;
}

/** How late something was or is, in whole minutes (0 when on time). */
export function minutesLate(dueAt: string, doneAt: string | null, now: number): number {
  const end = doneAt ? Date.parse(doneAt) : now;
  return Math.max(0, Math.floor((end - Date.parse(dueAt)) / 60_000));
}

/** `95` → `1小时35分` / `1h 35m`. */
export function formatMinutes(min: number, locale: string): string {
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  const en = locale === 'en';
  const parts: string[] = [];
  if (d) parts.push(en ? `${d}d` : `${d}天`);
  if (h) parts.push(en ? `${h}h` : `${h}小时`);
  if (m || parts.length === 0) parts.push(en ? `${m}m` : `${m}分`);
  return parts.join(en ? ' ' : '');
}

/** The kind an org would normally send next on an incident: 首报 first, then 续报, 终报 once closed. */
export function suggestKind(reports: readonly Pick<ReportDto, 'kind' | 'fromOrg'>[], orgId: string, closed: boolean): ReportKind {
  const mine = reports.filter((r) => r.fromOrg.id === orgId);
  if (!mine.some((r) => r.kind === 'first')) return 'first';
  return closed ? 'final' : 'followup';
}

/** Sorts deadlines for display: pending ones first by due time, then the rest newest first. */
export function sortDeadlines<T extends Pick<DeadlineDto, 'state' | 'dueAt'>>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => {
    const pa = isPending(a);
    const pb = isPending(b);
    if (pa !== pb) return pa ? -1 : 1;
    return pa ? Date.parse(a.dueAt) - Date.parse(b.dueAt) : Date.parse(b.dueAt) - Date.parse(a.dueAt);
  });
}

/** On-time rate as a whole percentage, or null when nothing fell due. */
export function ratePercent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
