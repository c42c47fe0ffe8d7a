import type { WarningColour, WarningSource, WarningStatus } from '@vigil/shared';
import { beijingWallToIso } from '../incidents/incident-format';

/** A picker value (dayjs); only formatting is needed, so tests can pass plain objects. */
export interface WallClock {
  format(template: string): string;
}

/** Values of the list's filter form; times are picker values showing Beijing wall-clock time. */
export interface WarningFilterValues {
  q?: string;
  status?: WarningStatus[];
  colour?: WarningColour;
  typeCode?: string;
  source?: WarningSource;
  range?: [WallClock | null, WallClock | null] | null;
}

/** The query of `GET /warnings` without paging (blanks left out). */
export interface WarningFilters {
  q?: string;
  status?: string;
  colour?: WarningColour;
  typeCode?: string;
  source?: WarningSource;
  from?: string;
  to?: string;
}

/** A picker value → ISO 8601 with +08:00 (the picker shows Beijing time whatever the browser's zone). */
export const pickerToIso = (v: WallClock): string => beijingWallToIso(v.format('YYYY-MM-DD HH:mm:ss'));

/** Turns the filter form into the list query: statuses comma-joined, the range as "in force during [from, to)". */
export function toWarningFilters(v: WarningFilterValues): WarningFilters {
  const out: WarningFilters = {};
  const q = v.q?.trim();
  if (q) out.q = q;
  if (v.status?.length) out.status = v.status.join(',');
  if (v.colour) out.colour = v.colour;
  if (v.typeCode) out.typeCode = v.typeCode;
  if (v.source) out.source = v.source;
  const [from, to] = v.range ?? [];
  if (from) out.from = pickerToIso(from);
  if (to) out.to = pickerToIso(to);
  return out;
}
