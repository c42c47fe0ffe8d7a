/** Reads CAP 1.2 XML into the model. Lenient about order and counts (validateCap reports those). */
import { CapParseError } from './errors.js';
import type { CapAlert, CapArea, CapInfo, CapResource, CapValuePair } from './model.js';
import { CAP_NS, childElements, localName, ownText, parseXmlDocument } from './xml.js';

/** Groups the CAP-namespace children of an element by local name. */
export function capChildren(el: Element, ns: string | null = CAP_NS): Map<string, Element[]> {
  const map = new Map<string, Element[]>();
  for (const c of childElements(el)) {
    if (ns !== null && c.namespaceURI !== ns) continue;
    const name = localName(c);
    const list = map.get(name);
    if (list) list.push(c);
    else map.set(name, [c]);
  }
  return map;
}

/** Reader over grouped children: exact text for strings, trimmed text for typed values. */
export class Children {
  constructor(readonly map: Map<string, Element[]>) {}

  str(name: string): string | undefined {
    const el = this.map.get(name)?.[0];
    return el ? ownText(el) : undefined;
  }

  token(name: string): string | undefined {
    return this.str(name)?.trim();
  }

  req(name: string): string {
    return this.str(name) ?? '';
  }

  reqToken(name: string): string {
    return this.token(name) ?? '';
  }

  all(name: string): Element[] {
    return this.map.get(name) ?? [];
  }

  strs(name: string): string[] {
    return this.all(name).map(ownText);
  }

  tokens(name: string): string[] {
    return this.all(name).map((e) => ownText(e).trim());
  }

  num(name: string): number | undefined {
    const t = this.token(name);
    return t === undefined ? undefined : Number(t);
  }
}

export function readPairs(els: Element[], ns: string | null = CAP_NS): CapValuePair[] {
  return els.map((e) => {
    const c = new Children(capChildren(e, ns));
    return { valueName: c.req('valueName'), value: c.req('value') };
  });
}

function optional<T extends object>(obj: T): T {
  for (const k of Object.keys(obj) as (keyof T)[]) if (obj[k] === undefined) delete obj[k];
  return obj;
}

function readResource(el: Element): CapResource {
  const c = new Children(capChildren(el));
  return optional({
    resourceDesc: c.req('resourceDesc'),
    mimeType: c.reqToken('mimeType'),
    size: c.num('size'),
    uri: c.token('uri'),
    derefUri: c.str('derefUri'),
    digest: c.token('digest'),
  });
}

export function readArea(el: Element, ns: string | null = CAP_NS): CapArea {
  const c = new Children(capChildren(el, ns));
  return optional({
    areaDesc: c.req('areaDesc'),
    polygon: c.strs('polygon'),
    circle: c.strs('circle'),
    geocode: readPairs(c.all('geocode'), ns),
    altitude: c.num('altitude'),
    ceiling: c.num('ceiling'),
  });
}

function readInfo(el: Element): CapInfo {
  const c = new Children(capChildren(el));
  return optional({
    language: c.token('language'),
    category: c.tokens('category') as CapInfo['category'],
    event: c.req('event'),
    responseType: c.tokens('responseType') as CapInfo['responseType'],
    urgency: c.reqToken('urgency') as CapInfo['urgency'],
    severity: c.reqToken('severity') as CapInfo['severity'],
    certainty: c.reqToken('certainty') as CapInfo['certainty'],
    audience: c.str('audience'),
    eventCode: readPairs(c.all('eventCode')),
    effective: c.token('effective'),
    onset: c.token('onset'),
    expires: c.token('expires'),
    senderName: c.str('senderName'),
    headline: c.str('headline'),
    description: c.str('description'),
    instruction: c.str('instruction'),
    web: c.token('web'),
    contact: c.str('contact'),
    parameter: readPairs(c.all('parameter')),
    resource: c.all('resource').map(readResource),
    area: c.all('area').map((a) => readArea(a)),
  });
}

/** Checks the root is a CAP 1.2 `alert` and returns it. */
export function capRoot(doc: Document): Element {
  const root = doc.documentElement;
  if (localName(root) !== 'alert') {
    throw new CapParseError(
      'NOT_CAP',
      `root element is <${root.nodeName}>, expected CAP <alert>`,
      `根元素为 <${root.nodeName}>，应为 CAP <alert>`,
    );
  }
  if (root.namespaceURI !== CAP_NS) {
    throw new CapParseError(
      'NOT_CAP',
      `<alert> is in namespace "${root.namespaceURI ?? ''}", expected ${CAP_NS}`,
      `<alert> 的命名空间为“${root.namespaceURI ?? ''}”，应为 ${CAP_NS}`,
    );
  }
  return root;
}

export function readAlert(root: Element): CapAlert {
  const c = new Children(capChildren(root));
  return optional({
    identifier: c.req('identifier'),
    sender: c.req('sender'),
    sent: c.reqToken('sent'),
    status: c.reqToken('status') as CapAlert['status'],
    msgType: c.reqToken('msgType') as CapAlert['msgType'],
    source: c.str('source'),
    scope: c.reqToken('scope') as CapAlert['scope'],
    restriction: c.str('restriction'),
    addresses: c.str('addresses'),
    code: c.strs('code'),
    note: c.str('note'),
    references: c.str('references'),
    incidents: c.str('incidents'),
    info: c.all('info').map(readInfo),
  });
}

/**
 * Parses CAP 1.2 XML into the model. Throws CapParseError for non-XML, hostile XML (DOCTYPE/ENTITY)
 * or a root that is not a CAP 1.2 alert. Structure and values are not checked here (see validateCap).
 */
export function parseCapXml(xml: string): CapAlert {
  return readAlert(capRoot(parseXmlDocument(xml)));
}
