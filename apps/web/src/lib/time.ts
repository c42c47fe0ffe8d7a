/** All times on screen are Beijing time, whatever the browser's own zone is. */
export const BEIJING_TZ = 'Asia/Shanghai';

const full = new Intl.DateTimeFormat('en-CA', {
  timeZone: BEIJING_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of full.formatToParts(d)) out[p.type] = p.value;
  return out;
}

function toDate(v: string | number | Date | null | undefined): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2026-03-01T00:30:00Z` → `2026-03-01 08:30:00` (Beijing time); empty string for missing or invalid input. */
export function formatBeijing(v: string | number | Date | null | undefined, withSeconds = true): string {
  const d = toDate(v);
  if (!d) return '';
  const p = parts(d);
  const time = withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${p.year}-${p.month}-${p.day} ${time}`;
}

/** The Beijing calendar date of an instant, `YYYY-MM-DD`. */
export function beijingDate(v: string | number | Date | null | undefined): string {
  const d = toDate(v);
  if (!d) return '';
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A compact "how long ago" for recent items (notifications); falls back to the Beijing date-time after a day. */
export function relativeTime(v: string | Date, now: Date, locale: string): string {
  const d = toDate(v);
  if (!d) return '';
  const secs = Math.round((now.getTime() - d.getTime()) / 1000);
  if (secs < 0 || secs >= 86_400) return formatBeijing(d, false);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (secs < 60) return rtf.format(-secs, 'second');
  if (secs < 3600) return rtf.format(-Math.floor(secs / 60), 'minute');
  return rtf.format(-Math.floor(secs / 3600), 'hour');
}
