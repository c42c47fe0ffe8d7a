const BEIJING_OFFSET_MS = 8 * 3_600_000; // China Standard Time, no daylight saving.

/** `[from, to)` of a calendar day (`YYYY-MM-DD`) in Beijing time. */
export function beijingDay(date: string): { from: Date; to: Date } {
  const from = new Date(`${date}T00:00:00+08:00`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

/** The Beijing calendar date (`YYYY-MM-DD`) of an instant. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm` in Beijing time. */
export function formatBeijing(at: Date | string, withSeconds = false): string {
  const s = new Date(new Date(at).getTime() + BEIJING_OFFSET_MS).toISOString().replace('T', ' ');
  return s.slice(0, withSeconds ? 19 : 16);
}

/** `HH:mm` in Beijing time. */
export function beijingClock(at: Date | string): string {
  return formatBeijing(at).slice(11, 16);
}

/** The instant of a Beijing wall-clock time (`YYYY-MM-DD`, `HH:mm`), `days` later. */
export function atBeijing(date: string, hhmm: string, days = 0): Date {
  return new Date(new Date(`${date}T${hhmm}:00+08:00`).getTime() + days * 86_400_000);
}
