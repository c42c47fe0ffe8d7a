import type { WarningFeedDto, WarningFeedInput } from '@vigil/shared';
import { ApiError, fieldPath } from '../../lib/api-error';

/** The feed form: the poll interval is edited in minutes. */
export interface FeedFormValues {
  name?: string;
  url?: string;
  kind?: WarningFeedInput['kind'];
  intervalMinutes?: number | null;
  enabled?: boolean;
}

export const FEED_DEFAULTS: FeedFormValues = { kind: 'atom', intervalMinutes: 5, enabled: true };

/** Form → `POST|PUT /warnings/feeds` (minutes → seconds, text trimmed). */
export function toFeedInput(v: FeedFormValues): WarningFeedInput {
  return {
    name: v.name?.trim() ?? '',
    url: v.url?.trim() ?? '',
    kind: v.kind ?? 'atom',
    intervalSeconds: Math.round((v.intervalMinutes ?? 5) * 60),
    enabled: v.enabled ?? true,
  };
}

/** A stored feed → the form. */
export function toFeedFormValues(f: WarningFeedDto): FeedFormValues {
  return { name: f.name, url: f.url, kind: f.kind, intervalMinutes: Math.round(f.intervalSeconds / 6) / 10, enabled: f.enabled };
}

/** The server's field errors on the feed form's fields (`intervalSeconds` is shown on the minutes field). */
export function feedFieldErrors(err: unknown): { name: string[]; errors: string[] }[] {
  if (!(err instanceof ApiError)) return [];
  const out = new Map<string, string[]>();
  for (const e of err.fieldErrors) {
    const first = fieldPath(e.field)[0];
    const name = first === 'intervalSeconds' ? 'intervalMinutes' : first;
    if (typeof name !== 'string' || !['name', 'url', 'kind', 'intervalMinutes', 'enabled'].includes(name)) continue;
    out.set(name, [...(out.get(name) ?? []), e.message]);
  }
  return [...out].map(([name, errors]) => ({ name: [name], errors }));
}

/** A failed upload's per-item problems (`file:/alert/info[0]/area` → path and message), for the import result. */
export function importProblems(err: unknown): { path: string; message: string }[] {
  if (!(err instanceof ApiError)) return [];
  return err.fieldErrors.map((e) => {
    const i = e.field.indexOf(':');
    return { path: i >= 0 ? e.field.slice(i + 1) : '', message: e.message };
  });
}
