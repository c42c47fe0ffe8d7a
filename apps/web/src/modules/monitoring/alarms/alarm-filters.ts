import { beijingWallToIso } from '../../incidents/incident-format';
import type { AlarmFilters } from './alarms.api';

/** What the alarm filter form holds (date pickers give dayjs-like values). */
export interface AlarmFilterValues {
  q?: string;
  status?: string[];
  level?: string[];
  category?: 'hazchem' | 'natural' | 'lifeline';
  divisionCode?: string;
  falseAlarm?: 'true' | 'false';
  range?: [{ format(t: string): string } | null, { format(t: string): string } | null] | null;
}

/** Form values → API filters: lists joined by commas, times as Beijing wall clock → ISO, blanks dropped. */
export function toAlarmFilters(v: AlarmFilterValues): AlarmFilters {
  const out: AlarmFilters = {};
  const q = v.q?.trim();
  if (q) out.q = q;
  if (v.status?.length) out.status = v.status.join(',');
  if (v.level?.length) out.level = v.level.join(',');
  if (v.category) out.category = v.category;
  if (v.divisionCode) out.divisionCode = v.divisionCode;
  if (v.falseAlarm) out.falseAlarm = v.falseAlarm;
  const [from, to] = (v.range ?? []).map((d) => (d ? beijingWallToIso(d.format('YYYY-MM-DD HH:mm:ss')) : undefined));
  if (from) out.from = from;
  if (to) out.to = to;
  return out;
}
