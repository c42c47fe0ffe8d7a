/**
 * The CAP 1.2 XML schema (spec/CAP-v1.2.xsd) as data: for each complex type, its element sequence
 * with occurrence bounds and value types. The structural validator walks documents against these
 * tables; schema.test.ts reads the XSD and proves the tables say the same thing.
 */
import { CAP_CATEGORY, CAP_CERTAINTY, CAP_MSG_TYPE, CAP_RESPONSE_TYPE, CAP_SCOPE, CAP_SEVERITY, CAP_STATUS, CAP_URGENCY } from './model.js';

export type ComplexTypeName = 'alert' | 'info' | 'valuePair' | 'resource' | 'area';

export type ValueType =
  | { kind: 'string' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'dateTime' }
  | { kind: 'language' }
  | { kind: 'anyURI' }
  | { kind: 'integer' }
  | { kind: 'decimal' }
  | { kind: 'complex'; type: ComplexTypeName };

export interface ElementRule {
  name: string;
  minOccurs: 0 | 1;
  maxOccurs: 1 | 'unbounded';
  type: ValueType;
}

/** The pattern the XSD puts on every CAP dateTime (kept verbatim; note the `,` in the class). */
export const CAP_DATETIME_XSD_PATTERN = String.raw`\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-,+]\d\d:\d\d`;

const str: ValueType = { kind: 'string' };
const dateTime: ValueType = { kind: 'dateTime' };
const one = (name: string, type: ValueType = str): ElementRule => ({ name, minOccurs: 1, maxOccurs: 1, type });
const opt = (name: string, type: ValueType = str): ElementRule => ({ name, minOccurs: 0, maxOccurs: 1, type });
const many = (name: string, minOccurs: 0 | 1, type: ValueType = str): ElementRule => ({ name, minOccurs, maxOccurs: 'unbounded', type });
const enumOf = (values: readonly string[]): ValueType => ({ kind: 'enum', values });
const complex = (type: ComplexTypeName): ValueType => ({ kind: 'complex', type });

export const CAP_SCHEMA: Readonly<Record<ComplexTypeName, readonly ElementRule[]>> = {
  alert: [
    one('identifier'),
    one('sender'),
    one('sent', dateTime),
    one('status', enumOf(CAP_STATUS)),
    one('msgType', enumOf(CAP_MSG_TYPE)),
    opt('source'),
    one('scope', enumOf(CAP_SCOPE)),
    opt('restriction'),
    opt('addresses'),
    many('code', 0),
    opt('note'),
    opt('references'),
    opt('incidents'),
    many('info', 0, complex('info')),
  ],
  info: [
    opt('language', { kind: 'language' }),
    many('category', 1, enumOf(CAP_CATEGORY)),
    one('event'),
    many('responseType', 0, enumOf(CAP_RESPONSE_TYPE)),
    one('urgency', enumOf(CAP_URGENCY)),
    one('severity', enumOf(CAP_SEVERITY)),
    one('certainty', enumOf(CAP_CERTAINTY)),
    opt('audience'),
    many('eventCode', 0, complex('valuePair')),
    opt('effective', dateTime),
    opt('onset', dateTime),
    opt('expires', dateTime),
    opt('senderName'),
    opt('headline'),
    opt('description'),
    opt('instruction'),
    opt('web', { kind: 'anyURI' }),
    opt('contact'),
    many('parameter', 0, complex('valuePair')),
    many('resource', 0, complex('resource')),
    many('area', 0, complex('area')),
  ],
  valuePair: [one('valueName'), one('value')],
  resource: [
    one('resourceDesc'),
    one('mimeType'),
    opt('size', { kind: 'integer' }),
    opt('uri', { kind: 'anyURI' }),
    opt('derefUri'),
    opt('digest'),
  ],
  area: [
    one('areaDesc'),
    many('polygon', 0),
    many('circle', 0),
    many('geocode', 0, complex('valuePair')),
    opt('altitude', { kind: 'decimal' }),
    opt('ceiling', { kind: 'decimal' }),
  ],
};

/** After the alert's sequence the XSD allows any number of elements from this namespace (XML-DSig). */
export const CAP_ALERT_ANY_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
