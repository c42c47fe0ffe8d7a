import { ALARM_LEVEL_RANK, type AlarmEventPayload, type AlarmLevel, type DashboardDeviceState } from '@vigil/shared';

/** Alarm colours on screen (red 一级 … blue 四级). */
export const LEVEL_COLORS: Record<AlarmLevel, string> = { red: '#cf1322', orange: '#fa8c16', yellow: '#fadb14', blue: '#1677ff' };

/** Colours of devices on the dashboard map: their worst open alarm, else reporting (green) or silent (grey). */
export const DEVICE_STATE_COLORS: Record<DashboardDeviceState, string> = { ...LEVEL_COLORS, ok: '#52c41a', offline: '#8c8c8c' };

/** Text colour readable on a level's colour. */
export const levelTextColor = (l: AlarmLevel) => (l === 'yellow' ? '#000000' : '#ffffff');

/** A measured value with its unit, trimmed to 3 decimals; empty for none. */
export function formatValue(v: number | null | undefined, unit?: string | null): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '';
  const s = Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3)));
  return unit ? `${s} ${unit}` : s;
}

/** Seconds as the largest sensible unit (for MTTA/MTTR): 45 s, 12 min, 3.5 h. */
export function formatDuration(seconds: number | null | undefined): { value: string; unit: 's' | 'min' | 'h' } | null {
  if (seconds === null || seconds === undefined) return null;
  if (seconds < 120) return { value: String(Math.round(seconds)), unit: 's' };
  if (seconds < 7200) return { value: String(Math.round(seconds / 60)), unit: 'min' };
  return { value: (seconds / 3600).toFixed(1), unit: 'h' };
}

/** Most urgent first: still active before acknowledged or cleared, then the worse level, then the latest. */
export function compareAlarms(a: AlarmEventPayload, b: AlarmEventPayload): number {
  const open = (x: AlarmEventPayload) => (x.status === 'active' ? 2 : x.status === 'acknowledged' ? 1 : 0);
  return open(b) - open(a) || ALARM_LEVEL_RANK[b.level] - ALARM_LEVEL_RANK[a.level] || b.lastAt.localeCompare(a.lastAt);
}

/**
 * The live alarm list after a pushed `alarm.*` event: the alarm is inserted or replaced (an older
 * version never overwrites a newer one), a closed alarm leaves the list, and the list is kept
 * sorted and at most `max` long.
 */
export function applyAlarmEvent(list: readonly AlarmEventPayload[], payload: AlarmEventPayload, max = 200): AlarmEventPayload[] {
  const current = list.find((a) => a.id === payload.id);
  if (current && current.version > payload.version) return [...list];
  const rest = list.filter((a) => a.id !== payload.id);
  const next = payload.status === 'closed' ? rest : [...rest, payload];
  return next.sort(compareAlarms).slice(0, max);
}

/** Whether a pushed alarm event should sound: a red alarm that has just been raised (or raised again). */
export function soundsFor(name: string, payload: AlarmEventPayload): boolean {
  return name === 'alarm.raised' && payload.level === 'red' && payload.status === 'active';
}
