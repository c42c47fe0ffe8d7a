import { ATTACHMENT_MAX_BYTES, type IncidentFilterQuery, type IncidentStatus } from '@vigil/shared';

/** Map and tag colours by grade: I red, II orange, III yellow, IV blue; grey when not graded yet. */
export const GRADE_COLORS: Record<number, string> = { 1: '#cf1322', 2: '#fa8c16', 3: '#fadb14', 4: '#1677ff' };
export const UNGRADED_COLOR = '#8c8c8c';

/** The colour of a grade (grey for none). */
export function gradeColor(grade: number | null | undefined): string {
  return (grade && GRADE_COLORS[grade]) || UNGRADED_COLOR;
}

export const STATUS_COLORS: Record<IncidentStatus, string> = {
  received: 'blue',
  verified: 'cyan',
  responding: 'orange',
  closed: 'green',
  merged: 'default',
  false_report: 'default',
};

/** Statuses of incidents still being handled. */
export const OPEN_STATUSES: readonly IncidentStatus[] = ['received', 'verified', 'responding'];

/** Values of the list's filter form; times are picker values showing Beijing wall-clock time. */
export interface IncidentFilterValues {
  q?: string;
  status?: IncidentStatus[];
  eventType?: string;
  grade?: number;
  countyCode?: string;
  range?: [{ format(t: string): string } | null, { format(t: string): string } | null] | null;
}

export type IncidentFilters = Omit<IncidentFilterQuery, 'hasDuplicateHint'>;

/** Turns the filter form into the query the list, the map layer and the export share (blanks left out). */
export function toIncidentFilters(v: IncidentFilterValues): IncidentFilters {
  const out: IncidentFilters = {};
  const q = v.q?.trim();
  if (q) out.q = q;
  if (v.status?.length) out.status = v.status.join(',');
  if (v.eventType) out.eventType = v.eventType;
  if (v.grade) out.grade = v.grade;
  if (v.countyCode) out.countyCode = v.countyCode;
  const [from, to] = (v.range ?? []).map((d) => (d ? beijingWallToIso(d.format('YYYY-MM-DD HH:mm:ss')) : undefined));
  if (from) out.from = from;
  if (to) out.to = to;
  return out;
}

/**
 * A Beijing wall-clock time as the pickers show it (`2026-06-01 08:30:00` or `2026-06-01T08:30`)
 * → ISO 8601 with the +08:00 offset, whatever the browser's own zone is.
 */
export function beijingWallToIso(wall: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(wall.trim());
  if (!m) throw new Error(`not a date-time: ${wall}`);
  return `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}+08:00`;
}

/** Allowed attachment kinds (checked again by the server, which also looks at the content). */
export const ATTACHMENT_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'pdf', 'docx', 'xlsx'] as const;
export const ATTACHMENT_ACCEPT = ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',');

/** Why a file cannot be attached (`type` or `size`), or null when it may be uploaded. */
export function attachmentProblem(file: { name: string; size: number }): 'type' | 'size' | 'empty' | null {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'size';
  return null;
}

/** `1536` → `1.5 KB`; for attachment sizes. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** `123456789` → `1.23亿` / `5000万` / `8,000`: loss amounts the way the bureau reads them. */
export function formatYuan(n: number, locale: string): string {
  if (locale !== 'en') {
    if (n >= 1e8) return `${+(n / 1e8).toFixed(2)}亿元`;
    if (n >= 1e4) return `${+(n / 1e4).toFixed(2)}万元`;
    return `${n.toLocaleString('zh-CN')}元`;
  }
  return `¥${n.toLocaleString('en-US')}`;
}
