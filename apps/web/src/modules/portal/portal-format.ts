import type { PortalWarningDto, WarningColour } from '@vigil/shared';

/** Signal colours of the four warning levels (and grey for imported warnings without one). */
export const COLOUR_HEX: Record<WarningColour, string> = {
  blue: '#1668dc',
  yellow: '#e8b400',
  orange: '#fa8c16',
  red: '#e02020',
};
export const NO_COLOUR_HEX = '#8c8c8c';

/** Most severe first: red Ⅰ, orange Ⅱ, yellow Ⅲ, blue Ⅳ, then warnings without a colour. */
export const SEVERITY: readonly WarningColour[] = ['red', 'orange', 'yellow', 'blue'];

export function colourHex(colour: WarningColour | null): string {
  return colour ? COLOUR_HEX[colour] : NO_COLOUR_HEX;
}

function severityRank(colour: WarningColour | null): number {
  return colour ? SEVERITY.indexOf(colour) : SEVERITY.length;
}

/** A distance for people on foot or by car: `850 米` / `850 m` below 1 km, `1.2 公里` / `1.2 km`, whole km from 10 km. */
export function formatDistance(metres: number, locale: 'zh-CN' | 'en'): string {
  const m = Math.max(0, Math.round(metres));
  const [mUnit, kmUnit] = locale === 'en' ? [' m', ' km'] : [' 米', ' 公里'];
  if (m < 1000) return `${m}${mUnit}`;
  const km = m / 1000;
  return km < 10 ? `${(Math.round(km * 10) / 10).toFixed(1)}${kmUnit}` : `${Math.round(km)}${kmUnit}`;
}

export interface PortalFilter {
  /** 6-digit county code; empty = all. */
  county: string;
  /** Colours to show; empty = all. */
  colours: readonly WarningColour[];
}

export const NO_FILTER: PortalFilter = { county: '', colours: [] };

/** The warnings matching the county and colour filter, most severe first, then the newest. */
export function filterWarnings(items: readonly PortalWarningDto[], f: PortalFilter): PortalWarningDto[] {
  return items
    .filter((w) => !f.county || w.counties.some((c) => c.code === f.county))
    .filter((w) => f.colours.length === 0 || (w.colour !== null && f.colours.includes(w.colour)))
    .sort((a, b) => severityRank(a.colour) - severityRank(b.colour) || b.sent.localeCompare(a.sent));
}

/** Identifiers of the warnings left by the filter, for the map (a warning hidden in the list is hidden there too). */
export function visibleIdentifiers(items: readonly PortalWarningDto[], f: PortalFilter): string[] {
  return filterWarnings(items, f).map((w) => w.identifier);
}

export interface CountyOption {
  code: string;
  name: string;
  /** Active warnings covering the county. */
  count: number;
}

/** Counties to choose from (all of the city, by code), each with how many active warnings cover it. */
export function countyOptions(counties: readonly { code: string; name: string }[], items: readonly PortalWarningDto[]): CountyOption[] {
  return [...counties]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((c) => ({ ...c, count: items.filter((w) => w.counties.some((x) => x.code === c.code)).length }));
}

/** How many warnings there are of each colour. */
export function colourCounts(items: readonly PortalWarningDto[]): Record<WarningColour, number> {
  const out: Record<WarningColour, number> = { red: 0, orange: 0, yellow: 0, blue: 0 };
  for (const w of items) if (w.colour) out[w.colour] += 1;
  return out;
}

/** Parses `?county=350582&colour=red,orange` (unknown values are dropped). */
export function parseFilter(params: URLSearchParams): PortalFilter {
  const county = params.get('county') ?? '';
  const colours = (params.get('colour') ?? '').split(',').filter((c): c is WarningColour => (SEVERITY as readonly string[]).includes(c));
  return { county: /^\d{6}$/.test(county) ? county : '', colours };
}

/** The query string for a filter (empty parts left out), the inverse of `parseFilter`. */
export function filterToParams(f: PortalFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.county) out.county = f.county;
  if (f.colours.length) out.colour = SEVERITY.filter((c) => f.colours.includes(c)).join(',');
  return out;
}
