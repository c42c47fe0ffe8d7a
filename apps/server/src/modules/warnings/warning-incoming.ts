/**
 * Reading one incoming CAP 1.2 or GB/T 35965.1 alert (pure, no database): parse, validate, verify
 * its signature and extract what a warning row needs. Every failure is a clear message per item.
 */
import {
  capSeverityToGbColour,
  capTimeMs,
  CapError,
  fromGbProfile,
  gbDataOf,
  GB_NAMES,
  parseCapXml,
  parsePolygon,
  parseCircle,
  validateCap,
  validateGbProfile,
  type CapAlert,
  type CapInfo,
} from '@vigil/cap';
import { verifyCapSignature } from '@vigil/cap/signature';
import type { SignatureStatus, WarningColour } from '@vigil/shared';

export type Incoming =
  | { ok: true; alert: CapAlert; format: 'cap' | 'gb'; signature: SignatureStatus; signer: string | null }
  | { ok: false; error: string; errors: { path: string; message: string }[]; identifier: string | null; sender: string | null };

const looksGb = (xml: string) => /<(\w+:)?(senderCode|sendTime)[\s>]/.test(xml);

function fail(error: string, errors: { path: string; message: string }[] = [], alert?: CapAlert): Incoming {
  return { ok: false, error, errors, identifier: alert?.identifier ?? null, sender: alert?.sender ?? null };
}

/**
 * Parses and validates one alert. GB messages (senderCode / sendTime) are checked with the GB
 * profile rules and `knownEventTypes`; plain CAP with the CAP 1.2 rules. The signature is verified
 * on the document as received.
 */
export function readIncoming(
  xml: string,
  opts: { knownEventTypes: ReadonlySet<string>; eventTypeNames: Record<string, string> },
): Incoming {
  const format = looksGb(xml) ? 'gb' : 'cap';
  let alert: CapAlert;
  try {
    alert = format === 'gb' ? fromGbProfile(xml, { eventTypeNames: opts.eventTypeNames }) : parseCapXml(xml);
  } catch (e) {
    if (e instanceof CapError) return fail(`无法解析预警报文：${e.messageZh}`, [{ path: e.path ?? '/', message: e.messageZh }]);
    throw e;
  }
  const problems =
    format === 'gb' ? validateGbProfile(xml, { knownEventTypes: opts.knownEventTypes, allowLegacyIdentifier: true }) : validateCap(xml);
  if (problems.length) {
    const errors = problems.slice(0, 20).map((p) => ({ path: p.path, message: p.messageZh }));
    return fail(`预警报文校验未通过：${errors[0]!.path} ${errors[0]!.message}`, errors, alert);
  }
  if (alert.msgType !== 'Alert' && alert.msgType !== 'Update' && alert.msgType !== 'Cancel') {
    return fail(`不处理 msgType 为 ${alert.msgType} 的消息`, [{ path: '/alert/msgType', message: '只接收 Alert、Update、Cancel' }], alert);
  }
  let signature: SignatureStatus;
  let signer: string | null = null;
  try {
    const r = verifyCapSignature(xml);
    signature = r.status;
    signer = r.signer ?? null;
  } catch {
    signature = 'invalid';
  }
  return { ok: true, alert, format, signature, signer };
}

/** The latest `expires` over the info blocks (ms), or null when none states one. */
export function expiresMs(alert: CapAlert): number | null {
  const all = alert.info.map((i) => (i.expires ? capTimeMs(i.expires) : NaN)).filter((x) => !Number.isNaN(x));
  return all.length ? Math.max(...all) : null;
}

/** References as (sender?, identifier) pairs: CAP triples or bare GB identifiers. */
export function referencesOf(alert: CapAlert): { sender: string | null; identifier: string }[] {
  if (!alert.references) return [];
  return alert.references
    .trim()
    .split(/\s+/)
    .map((r) => {
      const parts = r.split(',');
      return parts.length >= 2 ? { sender: parts[0]!, identifier: parts[1]! } : { sender: null, identifier: r };
    });
}

const zhFirst = (info: CapInfo[]) => info.find((i) => i.language?.toLowerCase().startsWith('zh')) ?? info[0];

/** The fields of a warning row taken from an alert with at least one info block. */
export function warningFieldsOf(alert: CapAlert) {
  const zh = zhFirst(alert.info)!;
  const en = alert.info.find((i) => i !== zh && i.language?.toLowerCase().startsWith('en'));
  const gb = gbDataOf(alert).info[alert.info.indexOf(zh)];
  const colourName = gb?.colour ?? capSeverityToGbColour(zh.severity);
  const colour = colourName ? (colourName.toLowerCase() as WarningColour) : null;
  const typeCode = gb?.eventType ?? zh.eventCode[0]?.value ?? zh.event;
  const divisionCodes = new Set<string>();
  const polygons: string[] = [];
  let circle: { lng: number; lat: number; radiusKm: number } | null = null;
  for (const a of zh.area) {
    for (const g of a.geocode)
      if (g.valueName === GB_NAMES.geocode && /^\d{12}$/.test(g.value))
        divisionCodes.add(g.value.endsWith('000000') ? g.value.slice(0, 6) : g.value.endsWith('000') ? g.value.slice(0, 9) : g.value);
    for (const p of a.polygon) {
      const pts = parsePolygon(p);
      if (pts && pts.length >= 4) polygons.push(JSON.stringify({ type: 'Polygon', coordinates: [pts.map((x) => [x.lon, x.lat])] }));
    }
    const c = a.circle.map(parseCircle).find((x) => x !== null);
    if (c && !circle) circle = { lng: c.center.lon, lat: c.center.lat, radiusKm: c.radiusKm };
  }
  const time = (v: string | undefined) => (v ? new Date(capTimeMs(v)) : null);
  return {
    typeCode: typeCode.slice(0, 40),
    colour: colour && ['blue', 'yellow', 'orange', 'red'].includes(colour) ? colour : null,
    headline: (zh.headline ?? zh.event).slice(0, 500),
    description: zh.description ?? '',
    instruction: zh.instruction ?? '',
    en: en
      ? { headline: en.headline ?? en.event, description: en.description ?? '', ...(en.instruction ? { instruction: en.instruction } : {}) }
      : null,
    audience: zh.audience ?? null,
    areaDesc:
      zh.area
        .map((a) => a.areaDesc)
        .join('；')
        .slice(0, 1000) || '（未说明）',
    divisionCodes: [...divisionCodes],
    polygons,
    circle,
    effective: time(zh.effective),
    onset: time(zh.onset),
    expires: time(zh.expires),
  };
}
