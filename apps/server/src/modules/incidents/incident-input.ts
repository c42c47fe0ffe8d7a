import type { FieldError } from '../../platform/errors.js';

/** How far in the future a time may lie (clock skew between the caller and the server). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** Field errors for occurred/received times: none in the future beyond the skew, and occurred ≤ received. */
export function timeProblems(t: { occurredAt: Date; receivedAt: Date; now: Date }): FieldError[] {
  const out: FieldError[] = [];
  const limit = t.now.getTime() + CLOCK_SKEW_MS;
  if (t.occurredAt.getTime() > limit) out.push({ field: 'occurredAt', message: '事发时间不能晚于当前时间' });
  if (t.receivedAt.getTime() > limit) out.push({ field: 'receivedAt', message: '接报时间不能晚于当前时间' });
  if (out.length === 0 && t.occurredAt.getTime() > t.receivedAt.getTime())
    out.push({ field: 'occurredAt', message: '事发时间不能晚于接报时间' });
  return out;
}

/** `138****5678`: the first three and last four digits of a phone number, the rest hidden. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 8) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 3) return `****${digits.slice(-2)}`;
  return '****';
}

/** The level-2 category of a 5-character event code (`12H01` → `12000`). */
export function categoryOf(code: string): string {
  return `${code.slice(0, 2)}000`;
}

/** Whether a number of yuan differs (numeric columns arrive as numbers rounded to fen). */
export function sameAmount(a: number, b: number): boolean {
  return Math.round(a * 100) === Math.round(b * 100);
}
