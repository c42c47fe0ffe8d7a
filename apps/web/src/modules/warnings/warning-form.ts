import { WARNING_CHANNELS, type CreateWarningInput, type WarningChannel, type WarningColour, type WarningDto } from '@vigil/shared';
import { ApiError, fieldPath } from '../../lib/api-error';
import { formatBeijing } from '../../lib/time';
import type { DrawnArea } from './warning-area';
import { pickerToIso, type WallClock } from './warning-filters';

/** The English block of the form (used only when switched on). */
export interface EnglishValues {
  headline?: string;
  description?: string;
  instruction?: string;
}

/** Values of the authoring form; times are picker values in Beijing time. */
export interface WarningFormValues {
  typeCode?: string;
  colour?: WarningColour;
  headline?: string;
  description?: string;
  instruction?: string;
  divisionCodes?: string[];
  drawn?: DrawnArea | null;
  areaDescription?: string;
  effective?: WallClock | null;
  onset?: WallClock | null;
  expires?: WallClock | null;
  audience?: string;
  channels?: WarningChannel[];
  withEnglish?: boolean;
  en?: EnglishValues;
}

/** The request body shared by `POST /warnings` and `PUT /warnings/:id` (the latter adds `version`). */
export type WarningRequest = Omit<CreateWarningInput, 'orgId'>;

const blank = (v: string | null | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);

/**
 * The authoring form → the API body: blanks left out (the server then fills the headline and the
 * 防御指南 from the type's template), times read as Beijing time, the area from the divisions and
 * whatever is drawn, the English block only when switched on.
 */
export function toWarningRequest(v: WarningFormValues): WarningRequest {
  const area: WarningRequest['area'] = {};
  if (v.divisionCodes?.length) area.divisionCodes = [...v.divisionCodes];
  if (v.drawn?.polygon) area.polygon = v.drawn.polygon;
  if (v.drawn?.circle) area.circle = v.drawn.circle;
  const areaDescription = blank(v.areaDescription);
  if (areaDescription) area.description = areaDescription;
  const out: WarningRequest = {
    typeCode: v.typeCode ?? '',
    colour: v.colour!,
    description: v.description?.trim() ?? '',
    area,
    expires: v.expires ? pickerToIso(v.expires) : '',
    channels: v.channels?.length ? [...v.channels] : ['in_app'],
  };
  const headline = blank(v.headline);
  if (headline) out.headline = headline;
  const instruction = blank(v.instruction);
  if (instruction) out.instruction = instruction;
  if (v.effective) out.effective = pickerToIso(v.effective);
  if (v.onset) out.onset = pickerToIso(v.onset);
  const audience = blank(v.audience);
  if (audience) out.audience = audience;
  if (v.withEnglish) {
    const en = { headline: v.en?.headline?.trim() ?? '', description: v.en?.description?.trim() ?? '' };
    const enInstruction = blank(v.en?.instruction);
    out.en = enInstruction ? { ...en, instruction: enInstruction } : en;
  }
  return out;
}

/** A stored draft → the form's values; `toPicker` makes a picker value from a Beijing wall-clock string. */
export function toWarningFormValues(w: WarningDto, toPicker: (wall: string) => WallClock): WarningFormValues {
  const time = (iso: string | null) => (iso ? toPicker(formatBeijing(iso)) : null);
  return {
    typeCode: w.typeCode,
    colour: w.colour ?? undefined,
    headline: w.headline,
    description: w.description,
    instruction: w.instruction,
    divisionCodes: [...w.area.divisionCodes],
    drawn: { polygon: w.area.polygon, circle: w.area.circle },
    areaDescription: w.area.description,
    effective: time(w.effective),
    onset: time(w.onset),
    expires: time(w.expires),
    audience: w.audience ?? undefined,
    channels: w.channels.filter((c): c is WarningChannel => (WARNING_CHANNELS as readonly string[]).includes(c)),
    withEnglish: w.en !== null,
    en: w.en ? { headline: w.en.headline, description: w.en.description, instruction: w.en.instruction } : {},
  };
}

const SAME_NAME = new Set([
  'typeCode',
  'colour',
  'headline',
  'description',
  'instruction',
  'effective',
  'onset',
  'expires',
  'audience',
  'channels',
]);

/**
 * Where a server field error belongs on the form: `area.polygon.coordinates.0` → the map control,
 * `area.description` → the area text, `en.headline` → the English headline. Null for fields the
 * form does not have (`version`, `orgId`, the body as a whole).
 */
export function formFieldOf(serverField: string): (string | number)[] | null {
  const path = fieldPath(serverField);
  const [first, second] = path;
  if (typeof first !== 'string') return null;
  if (SAME_NAME.has(first)) return [first];
  if (first === 'area') {
    if (second === 'polygon' || second === 'circle') return ['drawn'];
    if (second === 'description') return ['areaDescription'];
    return ['divisionCodes'];
  }
  if (first === 'en') {
    return ['en', second === 'description' || second === 'instruction' ? second : 'headline'];
  }
  return null;
}

/** The server's field errors grouped by form field, ready for antd `form.setFields`. */
export function warningFieldErrors(err: unknown): { name: (string | number)[]; errors: string[] }[] {
  if (!(err instanceof ApiError)) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const e of err.fieldErrors) {
    const name = formFieldOf(e.field);
    if (!name) continue;
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(e.message)) entry.errors.push(e.message);
    byField.set(key, entry);
  }
  return [...byField.values()];
}

/**
 * The 防御指南 after the type or colour changed: the new template replaces the text while the
 * author has not written their own (empty, or still the previous template); an edited text stays.
 */
export function nextInstruction(current: string | undefined, previousGuide: string, nextGuide: string): string {
  const text = current?.trim() ?? '';
  if (!text || text === previousGuide.trim()) return nextGuide;
  return current!;
}

/** The colour to keep after the type changed: the same when the new type allows it, else none. */
export function keepColour(colour: WarningColour | undefined, allowed: readonly WarningColour[]): WarningColour | undefined {
  return colour && allowed.includes(colour) ? colour : undefined;
}
