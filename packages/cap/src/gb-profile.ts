/**
 * Conversion between plain CAP 1.2 and the GB/T 35965.1-2018 profile used by China's national
 * warning-release system, without losing information in either direction.
 *
 * The GB form differs from CAP by `senderCode`, `sendTime` (instead of `sent`), the dissemination
 * block `code/method` (methodName, message, audienceGrp), `secClassification`, `eventType`, colour
 * severities (Red/Orange/Yellow/Blue) and comma-separated 12-digit geocodes. In plain CAP these are
 * kept under the documented names in GB_NAMES (see README): every info block carries the alert-level
 * values as parameters (an alert without info blocks carries them as `code` entries "name=value").
 */
import { CapParseError } from './errors.js';
import { capCategoryForEventType, capSeverityToGbColour, gbColourToCapSeverity } from './gb-codes.js';
import type { CapAlert, CapArea, CapInfo, CapValuePair } from './model.js';
import { Children, capChildren, readArea, readPairs } from './parse.js';
import { CAP_NS, DSIG_NS, XmlWriter, childElements, localName, ownText, parseXmlDocument } from './xml.js';

/** valueNames and codes under which GB-only data travels inside plain CAP. */
export const GB_NAMES = {
  /** alert `code` marking a message converted from the GB profile. */
  profileCode: 'GB/T 35965.1-2018',
  /** parameter: 14-digit sender code. */
  senderCode: 'GBT35965:senderCode',
  /** parameter: secClassification text. */
  secClassification: 'GBT35965:secClassification',
  /** parameter (repeatable, in order): one dissemination method as JSON {methodName, message?, audienceGrp?}. */
  method: 'GBT35965:method',
  /** parameter: the colour as written in the GB message (Red/Orange/Yellow/Blue). */
  severity: 'GBT35965:severity',
  /** parameter: comma-separated CAP info elements synthesised because the GB message lacked them. */
  derived: 'GBT35965:derived',
  /** eventCode: national event-type code, e.g. 11B01. */
  eventType: 'GBT35965:eventType',
  /** geocode: one 12-digit division code. */
  geocode: 'GBT35965:geocode',
} as const;

/** One entry of the dissemination block `code/method`. */
export interface GbMethod {
  /** Channel, e.g. SMS, SPEAKER, WEB, TV, RADIO. */
  methodName: string;
  message?: string;
  audienceGrp?: string;
}

export interface GbProfileOptions {
  /** 14-digit sender code; overrides the GBT35965:senderCode parameter. */
  senderCode?: string;
  secClassification?: string;
  /** Dissemination methods; override the GBT35965:method parameters. */
  methods?: GbMethod[];
  /** Event-type code for info blocks that carry none. */
  eventType?: string;
}

export interface FromGbOptions {
  /** Names for event codes (11B01 → 台风), used for CAP `event` when the GB message has none. */
  eventTypeNames?: Readonly<Record<string, string>>;
}

const ALERT_LEVEL = [GB_NAMES.senderCode, GB_NAMES.secClassification, GB_NAMES.method] as const;
const GB_PARAMS = new Set<string>([...ALERT_LEVEL, GB_NAMES.severity, GB_NAMES.derived]);

function param(list: readonly CapValuePair[], name: string): string | undefined {
  return list.find((p) => p.valueName === name)?.value;
}

function parseMethod(json: string): GbMethod {
  try {
    const v = JSON.parse(json) as Partial<GbMethod>;
    return { methodName: String(v.methodName ?? ''), message: v.message, audienceGrp: v.audienceGrp };
  } catch {
    return { methodName: json };
  }
}

function methodJson(m: GbMethod): string {
  const o: GbMethod = { methodName: m.methodName };
  if (m.message !== undefined) o.message = m.message;
  if (m.audienceGrp !== undefined) o.audienceGrp = m.audienceGrp;
  return JSON.stringify(o);
}

/** Alert-level GB values found in a plain CAP alert (first info block, or `code` entries). */
function alertLevel(alert: CapAlert): { senderCode?: string; secClassification?: string; methods: GbMethod[] } {
  const first = alert.info?.[0];
  const pairs: CapValuePair[] = first
    ? first.parameter
    : alert.code.flatMap((c) => {
        const eq = c.indexOf('=');
        return eq > 0 && GB_PARAMS.has(c.slice(0, eq)) ? [{ valueName: c.slice(0, eq), value: c.slice(eq + 1) }] : [];
      });
  return {
    senderCode: param(pairs, GB_NAMES.senderCode),
    secClassification: param(pairs, GB_NAMES.secClassification),
    methods: pairs.filter((p) => p.valueName === GB_NAMES.method).map((p) => parseMethod(p.value)),
  };
}

function writeArea(w: XmlWriter, a: CapArea, path: string): void {
  w.open('area');
  w.leaf('areaDesc', a.areaDesc, `${path}/areaDesc`);
  a.polygon.forEach((p, i) => w.leaf('polygon', p, `${path}/polygon[${i}]`));
  a.circle.forEach((c, i) => w.leaf('circle', c, `${path}/circle[${i}]`));
  const gb = a.geocode.filter((g) => g.valueName === GB_NAMES.geocode).map((g) => g.value);
  if (gb.length) w.leaf('geocode', gb.join(','), `${path}/geocode`);
  a.geocode
    .filter((g) => g.valueName !== GB_NAMES.geocode)
    .forEach((g, i) => {
      w.open('geocode');
      w.leaf('valueName', g.valueName, `${path}/geocode[${i}]/valueName`);
      w.leaf('value', g.value, `${path}/geocode[${i}]/value`);
      w.close('geocode');
    });
  w.leaf('altitude', a.altitude, `${path}/altitude`);
  w.leaf('ceiling', a.ceiling, `${path}/ceiling`);
  w.close('area');
}

function writePairs(w: XmlWriter, name: string, list: readonly CapValuePair[], path: string): void {
  list.forEach((p, i) => {
    w.open(name);
    w.leaf('valueName', p.valueName, `${path}/${name}[${i}]/valueName`);
    w.leaf('value', p.value, `${path}/${name}[${i}]/value`);
    w.close(name);
  });
}

function writeInfo(w: XmlWriter, f: CapInfo, path: string, opts: GbProfileOptions): void {
  const derived = new Set((param(f.parameter, GB_NAMES.derived) ?? '').split(',').filter(Boolean));
  const eventType = param(f.eventCode, GB_NAMES.eventType) ?? opts.eventType;
  w.open('info');
  w.leaf('language', f.language, `${path}/language`);
  w.leaf('eventType', eventType, `${path}/eventType`);
  if (!derived.has('category')) f.category.forEach((c, i) => w.leaf('category', c, `${path}/category[${i}]`));
  if (!derived.has('event')) w.leaf('event', f.event, `${path}/event`);
  f.responseType.forEach((r, i) => w.leaf('responseType', r, `${path}/responseType[${i}]`));
  if (!derived.has('urgency')) w.leaf('urgency', f.urgency, `${path}/urgency`);
  if (!derived.has('severity'))
    w.leaf('severity', param(f.parameter, GB_NAMES.severity) ?? capSeverityToGbColour(f.severity) ?? f.severity, `${path}/severity`);
  if (!derived.has('certainty')) w.leaf('certainty', f.certainty, `${path}/certainty`);
  w.leaf('audience', f.audience, `${path}/audience`);
  writePairs(
    w,
    'eventCode',
    f.eventCode.filter((e) => e.valueName !== GB_NAMES.eventType),
    path,
  );
  w.leaf('effective', f.effective, `${path}/effective`);
  w.leaf('onset', f.onset, `${path}/onset`);
  w.leaf('expires', f.expires, `${path}/expires`);
  w.leaf('senderName', f.senderName, `${path}/senderName`);
  w.leaf('headline', f.headline, `${path}/headline`);
  w.leaf('description', f.description, `${path}/description`);
  w.leaf('instruction', f.instruction, `${path}/instruction`);
  w.leaf('web', f.web, `${path}/web`);
  w.leaf('contact', f.contact, `${path}/contact`);
  writePairs(
    w,
    'parameter',
    f.parameter.filter((p) => !GB_PARAMS.has(p.valueName)),
    path,
  );
  f.resource.forEach((r, i) => {
    const rp = `${path}/resource[${i}]`;
    w.open('resource');
    w.leaf('resourceDesc', r.resourceDesc, `${rp}/resourceDesc`);
    w.leaf('mimeType', r.mimeType, `${rp}/mimeType`);
    w.leaf('size', r.size, `${rp}/size`);
    w.leaf('uri', r.uri, `${rp}/uri`);
    w.leaf('derefUri', r.derefUri, `${rp}/derefUri`);
    w.leaf('digest', r.digest, `${rp}/digest`);
    w.close('resource');
  });
  f.area.forEach((a, i) => writeArea(w, a, `${path}/area[${i}]`));
  w.close('info');
}

/**
 * Writes a CAP alert as GB/T 35965.1 XML. GB values come from `opts` first, then from the
 * GB_NAMES parameters/eventCodes/geocodes of the alert; CAP elements the profile does not define
 * are kept so that fromGbProfile gives the same alert back.
 */
export function toGbProfile(alert: CapAlert, opts: GbProfileOptions = {}): string {
  const level = alertLevel(alert);
  const methods = opts.methods ?? level.methods;
  const w = new XmlWriter();
  w.open('alert', ` xmlns="${CAP_NS}"`);
  w.leaf('identifier', alert.identifier, '/alert/identifier');
  w.leaf('sender', alert.sender, '/alert/sender');
  w.leaf('senderCode', opts.senderCode ?? level.senderCode, '/alert/senderCode');
  w.leaf('sendTime', alert.sent, '/alert/sendTime');
  w.leaf('status', alert.status, '/alert/status');
  w.leaf('msgType', alert.msgType, '/alert/msgType');
  w.leaf('source', alert.source, '/alert/source');
  w.leaf('scope', alert.scope, '/alert/scope');
  w.leaf('restriction', alert.restriction, '/alert/restriction');
  w.leaf('addresses', alert.addresses, '/alert/addresses');
  if (methods.length) {
    w.open('code');
    methods.forEach((m, i) => {
      const mp = `/alert/code/method[${i}]`;
      w.open('method');
      w.leaf('methodName', m.methodName, `${mp}/methodName`);
      w.leaf('message', m.message, `${mp}/message`);
      w.leaf('audienceGrp', m.audienceGrp, `${mp}/audienceGrp`);
      w.close('method');
    });
    w.close('code');
  }
  alert.code.forEach((c, i) => {
    const eq = c.indexOf('=');
    if (c === GB_NAMES.profileCode || (eq > 0 && GB_PARAMS.has(c.slice(0, eq)))) return;
    w.leaf('code', c, `/alert/code[${i}]`);
  });
  w.leaf('secClassification', opts.secClassification ?? level.secClassification, '/alert/secClassification');
  w.leaf('note', alert.note, '/alert/note');
  w.leaf('references', alert.references, '/alert/references');
  w.leaf('incidents', alert.incidents, '/alert/incidents');
  alert.info.forEach((f, i) => writeInfo(w, f, `/alert/info[${i}]`, opts));
  w.close('alert');
  return w.toString();
}

/** Children in any namespace except XML-DSig (GB messages are seen with and without the CAP namespace). */
function gbChildren(el: Element): Children {
  const map = capChildren(el, null);
  for (const [k, list] of map) {
    const kept = list.filter((e) => e.namespaceURI !== DSIG_NS);
    if (kept.length) map.set(k, kept);
    else map.delete(k);
  }
  return new Children(map);
}

function readGbInfo(el: Element, alertParams: CapValuePair[], opts: FromGbOptions): CapInfo {
  const c = gbChildren(el);
  const derived: string[] = [];
  const eventType = c.token('eventType');
  let category = c.tokens('category') as CapInfo['category'];
  if (!category.length) {
    category = [eventType ? capCategoryForEventType(eventType) : 'Other'];
    derived.push('category');
  }
  let event = c.str('event');
  if (event === undefined) {
    event = (eventType && opts.eventTypeNames?.[eventType]) ?? eventType ?? '';
    derived.push('event');
  }
  const need = (name: 'urgency' | 'certainty'): string => {
    const v = c.token(name);
    if (v !== undefined) return v;
    derived.push(name);
    return 'Unknown';
  };
  const urgency = need('urgency');
  const colour = c.token('severity');
  if (colour === undefined) derived.push('severity');
  const certainty = need('certainty');
  const gbParams: CapValuePair[] = [...alertParams];
  if (colour !== undefined) gbParams.push({ valueName: GB_NAMES.severity, value: colour });
  if (derived.length) gbParams.push({ valueName: GB_NAMES.derived, value: derived.join(',') });
  const info: CapInfo = {
    language: c.token('language'),
    category,
    event,
    responseType: c.tokens('responseType') as CapInfo['responseType'],
    urgency: urgency as CapInfo['urgency'],
    severity: colour === undefined ? 'Unknown' : gbColourToCapSeverity(colour),
    certainty: certainty as CapInfo['certainty'],
    audience: c.str('audience'),
    eventCode: [
      ...(eventType !== undefined ? [{ valueName: GB_NAMES.eventType, value: eventType }] : []),
      ...readPairs(c.all('eventCode'), null),
    ],
    effective: c.token('effective'),
    onset: c.token('onset'),
    expires: c.token('expires'),
    senderName: c.str('senderName'),
    headline: c.str('headline'),
    description: c.str('description'),
    instruction: c.str('instruction'),
    web: c.token('web'),
    contact: c.str('contact'),
    parameter: [...readPairs(c.all('parameter'), null), ...gbParams],
    resource: c.all('resource').map((r) => {
      const rc = gbChildren(r);
      return stripUndefined({
        resourceDesc: rc.req('resourceDesc'),
        mimeType: rc.reqToken('mimeType'),
        size: rc.num('size'),
        uri: rc.token('uri'),
        derefUri: rc.str('derefUri'),
        digest: rc.token('digest'),
      });
    }),
    area: c.all('area').map((a) => readGbArea(a)),
  };
  return stripUndefined(info);
}

function readGbArea(el: Element): CapArea {
  const area = readArea(el, null);
  const geocode: CapValuePair[] = [];
  for (const g of childElements(el).filter((e) => localName(e) === 'geocode')) {
    if (childElements(g).length) geocode.push(...readPairs([g], null));
    else {
      for (const code of ownText(g).split(',')) {
        if (code.trim()) geocode.push({ valueName: GB_NAMES.geocode, value: code.trim() });
      }
    }
  }
  return { ...area, geocode };
}

function stripUndefined<T extends object>(obj: T): T {
  for (const k of Object.keys(obj) as (keyof T)[]) if (obj[k] === undefined) delete obj[k];
  return obj;
}

/**
 * Reads GB/T 35965.1 XML into a plain CAP 1.2 alert, keeping GB-only data under GB_NAMES so that
 * toGbProfile writes the same document back. Missing CAP-required info elements (category, event,
 * urgency, severity, certainty) are synthesised and listed in the GBT35965:derived parameter.
 */
export function fromGbProfile(xml: string, opts: FromGbOptions = {}): CapAlert {
  const root = parseXmlDocument(xml).documentElement;
  if (localName(root) !== 'alert') {
    throw new CapParseError('NOT_CAP', `root element is <${root.nodeName}>, expected <alert>`, `根元素为 <${root.nodeName}>，应为 <alert>`);
  }
  const c = gbChildren(root);
  const methods: GbMethod[] = [];
  const codes: string[] = [GB_NAMES.profileCode];
  for (const el of c.all('code')) {
    const methodEls = childElements(el).filter((m) => localName(m) === 'method');
    if (!methodEls.length) {
      codes.push(ownText(el));
      continue;
    }
    for (const m of methodEls) {
      const mc = gbChildren(m);
      methods.push(stripUndefined({ methodName: mc.req('methodName'), message: mc.str('message'), audienceGrp: mc.str('audienceGrp') }));
    }
  }
  const alertParams: CapValuePair[] = [];
  const senderCode = c.token('senderCode');
  const secClassification = c.str('secClassification');
  if (senderCode !== undefined) alertParams.push({ valueName: GB_NAMES.senderCode, value: senderCode });
  if (secClassification !== undefined) alertParams.push({ valueName: GB_NAMES.secClassification, value: secClassification });
  for (const m of methods) alertParams.push({ valueName: GB_NAMES.method, value: methodJson(m) });
  const infoEls = c.all('info');
  if (!infoEls.length) codes.push(...alertParams.map((p) => `${p.valueName}=${p.value}`));
  return stripUndefined({
    identifier: c.req('identifier'),
    sender: c.req('sender'),
    sent: c.token('sendTime') ?? c.reqToken('sent'),
    status: c.reqToken('status') as CapAlert['status'],
    msgType: c.reqToken('msgType') as CapAlert['msgType'],
    source: c.str('source'),
    scope: c.reqToken('scope') as CapAlert['scope'],
    restriction: c.str('restriction'),
    addresses: c.str('addresses'),
    code: codes,
    note: c.str('note'),
    references: c.str('references'),
    incidents: c.str('incidents'),
    info: infoEls.map((f) => readGbInfo(f, alertParams, opts)),
  });
}

/** GB-profile values of a plain CAP alert converted by fromGbProfile (or prepared for toGbProfile). */
export function gbDataOf(alert: CapAlert): {
  senderCode?: string;
  secClassification?: string;
  methods: GbMethod[];
  info: { eventType?: string; colour?: string; geocodes: string[][] }[];
} {
  return {
    ...alertLevel(alert),
    info: alert.info.map((f) => ({
      eventType: param(f.eventCode, GB_NAMES.eventType),
      colour: param(f.parameter, GB_NAMES.severity) ?? capSeverityToGbColour(f.severity),
      geocodes: f.area.map((a) => a.geocode.filter((g) => g.valueName === GB_NAMES.geocode).map((g) => g.value)),
    })),
  };
}
