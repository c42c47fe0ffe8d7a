/**
 * GB/T 35965.1-2018 (应急信息交互协议 第1部分：预警信息) value rules, Annex A: the 14-digit sender
 * code, the 31-character identifier, Beijing-time timestamps, warning colours, national event-type
 * codes (11B01 台风 …) and 12-digit geocodes.
 */
import type { CapCategory, CapSeverity } from './model.js';

export const GB_COLOURS = ['Red', 'Orange', 'Yellow', 'Blue'] as const;
/** Warning colour/level: Red = 一级 (I), Orange = 二级 (II), Yellow = 三级 (III), Blue = 四级 (IV). */
export type GbColour = (typeof GB_COLOURS)[number];

const COLOUR_TO_CAP: Record<GbColour, CapSeverity> = { Red: 'Extreme', Orange: 'Severe', Yellow: 'Moderate', Blue: 'Minor' };

/** CAP severity of a GB colour (Red → Extreme, Orange → Severe, Yellow → Moderate, Blue → Minor). */
export function gbColourToCapSeverity(colour: string): CapSeverity {
  return (COLOUR_TO_CAP as Record<string, CapSeverity>)[colour] ?? 'Unknown';
}

/** GB colour of a CAP severity; undefined for Unknown. */
export function capSeverityToGbColour(severity: string): GbColour | undefined {
  return GB_COLOURS.find((c) => COLOUR_TO_CAP[c] === severity);
}

export function isGbColour(v: string): v is GbColour {
  return (GB_COLOURS as readonly string[]).includes(v);
}

export interface GbSenderCodeParts {
  /** 6-digit GB/T 2260 administrative division, e.g. 350500 (泉州市). */
  division: string;
  /** 3-digit GB/T 4657 organisation code, e.g. 416 (meteorological service). */
  org: string;
  /** 3-digit internal unit code, default 000. */
  unit?: string;
  /** 2-digit extension, default 00. */
  ext?: string;
}

const SENDER_CODE = /^(\d{6})(\d{3})(\d{3})(\d{2})$/;

/** Builds the 14-digit sender code ZZZZZZDDDUUUXX; throws RangeError on malformed parts. */
export function buildGbSenderCode(p: GbSenderCodeParts): string {
  const code = `${p.division}${p.org}${p.unit ?? '000'}${p.ext ?? '00'}`;
  if (!SENDER_CODE.test(code)) throw new RangeError(`sender code parts must be 6+3+3+2 digits, got "${code}"`);
  return code;
}

export function parseGbSenderCode(code: string): Required<GbSenderCodeParts> | null {
  const m = SENDER_CODE.exec(code);
  return m ? { division: m[1]!, org: m[2]!, unit: m[3]!, ext: m[4]! } : null;
}

/** Formats a moment as the GB basic timestamp YYYYMMDDhhmmss in Beijing time (UTC+8). */
export function gbTimestamp(date: Date): string {
  const t = new Date(date.getTime() + 8 * 3600_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(t.getUTCFullYear(), 4)}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`;
}

/** The moment a GB basic timestamp (Beijing time) denotes, or null when it is not a real date. */
export function parseGbTimestamp(ts: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(ts);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  return gbTimestamp(new Date(utc)) === ts ? new Date(utc) : null;
}

export interface GbIdentifierParts extends Required<GbSenderCodeParts> {
  senderCode: string;
  /** Entry time, GB basic format YYYYMMDDhhmmss, Beijing time. */
  timestamp: string;
  enteredAt: Date;
  /** Sequence digit 0–9; undefined for the legacy 29-character form without `_N`. */
  seq: number | undefined;
}

const IDENTIFIER = /^(\d{14})_(\d{14})(?:_(\d))?$/;

/**
 * Builds the 31-character identifier ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N. `enteredAt` is the entry time
 * (a Date, formatted in Beijing time, or an already formatted YYYYMMDDhhmmss); `seq` is 0–9.
 */
export function buildGbIdentifier(input: { senderCode: string | GbSenderCodeParts; enteredAt: Date | string; seq?: number }): string {
  const sender = typeof input.senderCode === 'string' ? input.senderCode : buildGbSenderCode(input.senderCode);
  if (!SENDER_CODE.test(sender)) throw new RangeError(`sender code must be 14 digits, got "${sender}"`);
  const ts = typeof input.enteredAt === 'string' ? input.enteredAt : gbTimestamp(input.enteredAt);
  if (!parseGbTimestamp(ts)) throw new RangeError(`entry time must be a real YYYYMMDDhhmmss, got "${ts}"`);
  const seq = input.seq ?? 0;
  if (!Number.isInteger(seq) || seq < 0 || seq > 9) throw new RangeError(`sequence must be 0–9, got ${seq}`);
  return `${sender}_${ts}_${seq}`;
}

/** Splits a GB identifier; accepts the legacy form without `_N` (seq undefined). Null when unreadable. */
export function parseGbIdentifier(id: string): GbIdentifierParts | null {
  const m = IDENTIFIER.exec(id);
  if (!m) return null;
  const parts = parseGbSenderCode(m[1]!);
  const enteredAt = parseGbTimestamp(m[2]!);
  if (!parts || !enteredAt) return null;
  return { ...parts, senderCode: m[1]!, timestamp: m[2]!, enteredAt, seq: m[3] === undefined ? undefined : Number(m[3]) };
}

/** Problems of a GB identifier (31 characters, real entry time; the `_N` suffix unless allowLegacy). */
export function checkGbIdentifier(id: string, opts: { allowLegacy?: boolean } = {}): string[] {
  const parts = parseGbIdentifier(id);
  if (!parts) return ['must be ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N (14-digit sender code, Beijing entry time, sequence digit)'];
  if (parts.seq === undefined && !opts.allowLegacy) return ['lacks the "_N" sequence suffix (31 characters required)'];
  return [];
}

/** Format of national event-type codes, e.g. 11B01 台风, 11B03 暴雨, 12D00 危险化学品事故. */
export const GB_EVENT_TYPE_PATTERN = /^1[1-49][A-Z0-9]\d{2}$/;

/** Problems of an event-type code: format, and membership of `known` when the caller supplies a set. */
export function checkGbEventType(code: string, known?: ReadonlySet<string>): string[] {
  if (!GB_EVENT_TYPE_PATTERN.test(code)) return ['must be a 5-character national event code such as 11B01'];
  if (known && !known.has(code)) return ['is not a known event code'];
  return [];
}

/** 12-digit statistical division code as used in national warning geocodes, e.g. 350500000000. */
export const GB_GEOCODE_PATTERN = /^\d{12}$/;

/**
 * CAP category for a national event-type code (used when a GB message carries no category):
 * 11A/11B Met, 11C/11D/11E Geo, 11F Env, 11G Fire, 12D/12T CBRNE, 12G Fire, 12H–12M Transport,
 * 12P Infra, 12Q Env, other 12 Safety, 13 Health, 14 Security.
 */
export function capCategoryForEventType(code: string): CapCategory {
  const group = code.slice(0, 2);
  const sub = code.charAt(2);
  if (group === '11') {
    if (sub === 'A' || sub === 'B') return 'Met';
    if (sub === 'C' || sub === 'D' || sub === 'E') return 'Geo';
    if (sub === 'F') return 'Env';
    if (sub === 'G') return 'Fire';
    return 'Other';
  }
  if (group === '12') {
    if (sub === 'D' || sub === 'T') return 'CBRNE';
    if (sub === 'G') return 'Fire';
    if ('HJKLM'.includes(sub) && sub) return 'Transport';
    if (sub === 'P') return 'Infra';
    if (sub === 'Q') return 'Env';
    return 'Safety';
  }
  if (group === '13') return 'Health';
  if (group === '14') return 'Security';
  return 'Other';
}
