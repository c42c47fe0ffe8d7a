import { readFileSync } from 'node:fs';
import {
  buildCapXml,
  buildGbIdentifier,
  buildGbSenderCode,
  capCategoryForEventType,
  formatCapDateTime,
  formatCircle,
  formatPolygon,
  gbColourToCapSeverity,
  gbTimestamp,
  GB_NAMES,
  toGbProfile,
  validateCap,
  validateGbProfile,
  type CapAlert,
  type CapArea,
  type CapInfo,
  type GbColour,
  type GbMethod,
} from '@vigil/cap';
import { signCapXml } from '@vigil/cap/signature';
import type { WarningColour } from '@vigil/shared';
import type { Config } from '../../config/config.js';
import { AppError } from '../../platform/errors.js';
import type { WarningRow } from './warnings.repository.js';

/** GB colour names of our colours. */
export const GB_COLOUR: Record<WarningColour, GbColour> = { blue: 'Blue', yellow: 'Yellow', orange: 'Orange', red: 'Red' };

const CHANNEL_METHOD: Record<string, string> = { in_app: 'WEB', sms: 'SMS', email: 'EMAIL', webhook: 'WEB' };

/** CAP forbids spaces, commas, `<` and `&` in `sender`: the org's name without them. */
export function senderOf(orgName: string): string {
  return orgName.replace(/[\s,<&]+/g, '') || 'vigil';
}

/** 14-digit GB sender code: the issuing org's division (default Quanzhou 350500) + org code + 000 + 00. */
export function senderCodeOf(divisionCode: string | null, orgCode: string): string {
  const division = divisionCode && /^\d{6}$/.test(divisionCode) ? divisionCode : '350500';
  return buildGbSenderCode({ division, org: orgCode });
}

/** The GB identifier prefix (sender code and Beijing entry second) shared by messages of one second. */
export function identifierPrefix(senderCode: string, sent: Date): string {
  return `${senderCode}_${gbTimestamp(sent)}_`;
}

export function identifierFor(senderCode: string, sent: Date, seq: number): string {
  return buildGbIdentifier({ senderCode, enteredAt: sent, seq });
}

/** 12-digit statistical geocode of a 6- or 9-digit division code. */
export function geocodeOf(code: string): string {
  return code.padEnd(12, '0');
}

function areaOf(w: WarningRow): CapArea {
  const polygon: string[] = [];
  if (w.polygon_json) {
    const ring = (JSON.parse(w.polygon_json) as { coordinates: [number, number][][] }).coordinates[0] ?? [];
    polygon.push(formatPolygon(ring.map(([lon, lat]) => ({ lat: round(lat), lon: round(lon) }))));
  }
  const circle = w.circle
    ? [formatCircle({ center: { lat: round(w.circle.lat), lon: round(w.circle.lng) }, radiusKm: w.circle.radiusKm })]
    : [];
  return {
    areaDesc: w.area_desc,
    polygon,
    circle,
    geocode: w.division_codes.map((c) => ({ valueName: GB_NAMES.geocode, value: geocodeOf(c) })),
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export interface CapContext {
  typeNameEn: string;
  /** The warning this one updates (msgType Update). */
  previous?: { sender: string; identifier: string; sent: Date } | null;
}

/** The CAP 1.2 alert of an internal warning (zh-CN info block, plus en-US when written). */
export function alertOf(w: WarningRow, c: CapContext): CapAlert {
  if (!w.identifier || !w.sender || !w.sent_at || !w.colour) throw new Error('alertOf needs a published warning');
  const colour = GB_COLOUR[w.colour];
  const major = w.colour === 'red' || w.colour === 'orange';
  const area = areaOf(w);
  const base = {
    category: [capCategoryForEventType(w.type_code)],
    responseType: ['Prepare' as const],
    urgency: major ? ('Immediate' as const) : ('Expected' as const),
    severity: gbColourToCapSeverity(colour),
    certainty: 'Likely' as const,
    eventCode: [{ valueName: GB_NAMES.eventType, value: w.type_code }],
    ...(w.audience ? { audience: w.audience } : {}),
    ...(w.effective_at ? { effective: formatCapDateTime(w.effective_at) } : {}),
    ...(w.onset_at ? { onset: formatCapDateTime(w.onset_at) } : {}),
    ...(w.expires_at ? { expires: formatCapDateTime(w.expires_at) } : {}),
    senderName: w.org_name,
    parameter: [{ valueName: GB_NAMES.severity, value: colour }],
    resource: [],
    area: [area],
  };
  const info: CapInfo[] = [
    {
      language: 'zh-CN',
      ...base,
      event: w.type_name ?? w.type_code,
      headline: w.headline,
      description: w.description,
      ...(w.instruction ? { instruction: w.instruction } : {}),
    },
  ];
  if (w.en)
    info.push({
      language: 'en-US',
      ...base,
      event: c.typeNameEn,
      headline: w.en.headline,
      description: w.en.description,
      ...(w.en.instruction ? { instruction: w.en.instruction } : {}),
    });
  const prev = c.previous;
  return {
    identifier: w.identifier,
    sender: w.sender,
    sent: formatCapDateTime(w.sent_at),
    status: 'Actual',
    msgType: w.msg_type ?? 'Alert',
    scope: 'Public',
    code: [],
    ...(prev ? { references: `${prev.sender},${prev.identifier},${formatCapDateTime(prev.sent)}` } : {}),
    info,
  };
}

/** Dissemination methods (GB `code/method`) of the chosen channels. */
export function methodsOf(channels: readonly string[], headline: string): GbMethod[] {
  const names = [...new Set(channels.map((c) => CHANNEL_METHOD[c]).filter((x): x is string => Boolean(x)))];
  return names.map((methodName) => ({ methodName, message: headline }));
}

export interface Documents {
  capXml: string;
  gbXml: string;
}

/**
 * Builds both documents of a warning being published and checks them with @vigil/cap: CAP 1.2
 * (XSD + semantic rules) and the GB/T 35965.1 profile (identifier, sender code, colours allowed
 * for the type). A failure is our data's fault and refuses the publication (409 listing the paths).
 */
export function buildDocuments(
  w: WarningRow,
  c: CapContext & { senderCode: string; allowedColours: Record<string, readonly string[]> },
): Documents {
  const alert = alertOf(w, c);
  const capXml = buildCapXml(alert);
  const gbXml = toGbProfile(alert, { senderCode: c.senderCode, secClassification: '非涉密', methods: methodsOf(w.channels, w.headline) });
  const problems = [
    ...validateCap(capXml).map((e) => ({ field: `cap:${e.path}`, message: e.messageZh })),
    ...validateGbProfile(gbXml, { allowedColours: c.allowedColours }).map((e) => ({ field: `gb:${e.path}`, message: e.messageZh })),
  ];
  if (problems.length) throw new AppError('CONFLICT', '生成的 CAP / GB/T 35965.1 报文未通过校验，未发布', { errors: problems });
  return { capXml, gbXml };
}

let signerCache: { key: string; cert: string; privateKeyPem: string; certificatePem: string } | null = null;

/** The configured signing key and certificate (read once per path), or null when unset. */
export function signerOf(config: Config): { privateKeyPem: string; certificatePem: string } | null {
  const key = config.CAP_SIGNING_KEY_FILE;
  const cert = config.CAP_SIGNING_CERT_FILE;
  if (!key || !cert) return null;
  if (!signerCache || signerCache.key !== key || signerCache.cert !== cert) {
    signerCache = { key, cert, privateKeyPem: readFileSync(key, 'utf8'), certificatePem: readFileSync(cert, 'utf8') };
  }
  return signerCache;
}

/** Signs an outgoing document when a key is configured. */
export function maybeSign(config: Config, xml: string): string {
  const signer = signerOf(config);
  return signer ? signCapXml(xml, signer) : xml;
}
