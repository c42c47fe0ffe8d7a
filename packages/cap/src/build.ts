/** Serialises a CAP 1.2 model to canonical XML: schema element order, two-space indentation, UTF-8. */
import type { CapAlert, CapArea, CapInfo, CapResource, CapValuePair } from './model.js';
import { CAP_NS, XmlWriter } from './xml.js';

function pairs(w: XmlWriter, name: string, list: readonly CapValuePair[], base: string): void {
  list.forEach((p, i) => {
    const path = `${base}/${name}[${i}]`;
    w.open(name);
    w.leaf('valueName', p.valueName, `${path}/valueName`);
    w.leaf('value', p.value, `${path}/value`);
    w.close(name);
  });
}

function resource(w: XmlWriter, r: CapResource, path: string): void {
  w.open('resource');
  w.leaf('resourceDesc', r.resourceDesc, `${path}/resourceDesc`);
  w.leaf('mimeType', r.mimeType, `${path}/mimeType`);
  w.leaf('size', r.size, `${path}/size`);
  w.leaf('uri', r.uri, `${path}/uri`);
  w.leaf('derefUri', r.derefUri, `${path}/derefUri`);
  w.leaf('digest', r.digest, `${path}/digest`);
  w.close('resource');
}

function area(w: XmlWriter, a: CapArea, path: string): void {
  w.open('area');
  w.leaf('areaDesc', a.areaDesc, `${path}/areaDesc`);
  (a.polygon ?? []).forEach((p, i) => w.leaf('polygon', p, `${path}/polygon[${i}]`));
  (a.circle ?? []).forEach((c, i) => w.leaf('circle', c, `${path}/circle[${i}]`));
  pairs(w, 'geocode', a.geocode ?? [], path);
  w.leaf('altitude', a.altitude, `${path}/altitude`);
  w.leaf('ceiling', a.ceiling, `${path}/ceiling`);
  w.close('area');
}

function info(w: XmlWriter, f: CapInfo, path: string): void {
  w.open('info');
  w.leaf('language', f.language, `${path}/language`);
  (f.category ?? []).forEach((c, i) => w.leaf('category', c, `${path}/category[${i}]`));
  w.leaf('event', f.event, `${path}/event`);
  (f.responseType ?? []).forEach((r, i) => w.leaf('responseType', r, `${path}/responseType[${i}]`));
  w.leaf('urgency', f.urgency, `${path}/urgency`);
  w.leaf('severity', f.severity, `${path}/severity`);
  w.leaf('certainty', f.certainty, `${path}/certainty`);
  w.leaf('audience', f.audience, `${path}/audience`);
  pairs(w, 'eventCode', f.eventCode ?? [], path);
  w.leaf('effective', f.effective, `${path}/effective`);
  w.leaf('onset', f.onset, `${path}/onset`);
  w.leaf('expires', f.expires, `${path}/expires`);
  w.leaf('senderName', f.senderName, `${path}/senderName`);
  w.leaf('headline', f.headline, `${path}/headline`);
  w.leaf('description', f.description, `${path}/description`);
  w.leaf('instruction', f.instruction, `${path}/instruction`);
  w.leaf('web', f.web, `${path}/web`);
  w.leaf('contact', f.contact, `${path}/contact`);
  pairs(w, 'parameter', f.parameter ?? [], path);
  (f.resource ?? []).forEach((r, i) => resource(w, r, `${path}/resource[${i}]`));
  (f.area ?? []).forEach((a, i) => area(w, a, `${path}/area[${i}]`));
  w.close('info');
}

/**
 * Builds canonical CAP 1.2 XML for an alert. Deterministic: the same model always gives the same
 * bytes, so build → parse → build is identical. Throws CapBuildError for characters XML cannot carry.
 * It does not validate; call validateCap for that.
 */
export function buildCapXml(alert: CapAlert): string {
  const w = new XmlWriter();
  w.open('alert', ` xmlns="${CAP_NS}"`);
  w.leaf('identifier', alert.identifier, '/alert/identifier');
  w.leaf('sender', alert.sender, '/alert/sender');
  w.leaf('sent', alert.sent, '/alert/sent');
  w.leaf('status', alert.status, '/alert/status');
  w.leaf('msgType', alert.msgType, '/alert/msgType');
  w.leaf('source', alert.source, '/alert/source');
  w.leaf('scope', alert.scope, '/alert/scope');
  w.leaf('restriction', alert.restriction, '/alert/restriction');
  w.leaf('addresses', alert.addresses, '/alert/addresses');
  (alert.code ?? []).forEach((c, i) => w.leaf('code', c, `/alert/code[${i}]`));
  w.leaf('note', alert.note, '/alert/note');
  w.leaf('references', alert.references, '/alert/references');
  w.leaf('incidents', alert.incidents, '/alert/incidents');
  (alert.info ?? []).forEach((f, i) => info(w, f, `/alert/info[${i}]`));
  w.close('alert');
  return w.toString();
}
