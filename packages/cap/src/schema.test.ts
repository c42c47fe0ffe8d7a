// Proves the element tables in schema.ts say exactly what spec/CAP-v1.2.xsd says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAP_ALERT_ANY_NAMESPACE, CAP_DATETIME_XSD_PATTERN, CAP_SCHEMA, type ComplexTypeName, type ElementRule } from './schema.js';
import { childElements, localName, parseXmlDocument } from './xml.js';

const XS = 'http://www.w3.org/2001/XMLSchema';
const xsd = parseXmlDocument(readFileSync(new URL('../spec/CAP-v1.2.xsd', import.meta.url), 'utf8'));

function xsChild(el: Element, name: string): Element | undefined {
  return childElements(el).find((c) => c.namespaceURI === XS && localName(c) === name);
}

type Described = {
  name: string;
  minOccurs: number;
  maxOccurs: number | 'unbounded';
  type: string;
  values?: string[];
  children?: Described[];
};

/** Turns an xs:element into the same shape as our tables. */
function describeElement(el: Element): Described {
  const ref = el.getAttribute('ref');
  const name = ref ? ref.replace(/^cap:/, '') : el.getAttribute('name')!;
  const minOccurs = Number(el.getAttribute('minOccurs') || '1');
  const max = el.getAttribute('maxOccurs') || '1';
  const maxOccurs = max === 'unbounded' ? 'unbounded' : Number(max);
  if (ref) {
    const target = childElements(xsd.documentElement).find((e) => e.getAttribute('name') === name)!;
    return { name, minOccurs, maxOccurs, type: target.getAttribute('type')!.replace('xs:', '') };
  }
  const complexType = xsChild(el, 'complexType');
  if (complexType) {
    const seq = xsChild(complexType, 'sequence')!;
    const children = childElements(seq)
      .filter((c) => localName(c) === 'element')
      .map(describeElement);
    return { name, minOccurs, maxOccurs, type: 'complex', children };
  }
  const restriction = xsChild(xsChild(el, 'simpleType') ?? el, 'restriction');
  if (restriction) {
    const enums = childElements(restriction)
      .filter((c) => localName(c) === 'enumeration')
      .map((c) => c.getAttribute('value')!);
    if (enums.length) return { name, minOccurs, maxOccurs, type: 'enum', values: enums };
    const pattern = xsChild(restriction, 'pattern')?.getAttribute('value');
    expect(restriction.getAttribute('base')).toBe('xs:dateTime');
    expect(pattern).toBe(CAP_DATETIME_XSD_PATTERN);
    return { name, minOccurs, maxOccurs, type: 'dateTime' };
  }
  return { name, minOccurs, maxOccurs, type: el.getAttribute('type')!.replace('xs:', '') };
}

function describeTable(type: ComplexTypeName): Described[] {
  return CAP_SCHEMA[type].map((r: ElementRule) => {
    const base = { name: r.name, minOccurs: r.minOccurs, maxOccurs: r.maxOccurs };
    if (r.type.kind === 'enum') return { ...base, type: 'enum', values: [...r.type.values] };
    if (r.type.kind === 'complex') return { ...base, type: 'complex', children: describeTable(r.type.type) };
    return { ...base, type: r.type.kind };
  });
}

describe('schema tables match spec/CAP-v1.2.xsd', () => {
  const alertEl = childElements(xsd.documentElement).find((e) => e.getAttribute('name') === 'alert')!;
  const fromXsd = describeElement(alertEl);

  it('lists the same elements, order, occurrences and value lists for alert and everything below it', () => {
    expect(describeTable('alert')).toEqual(fromXsd.children);
  });

  it('ends alert with an xs:any for XML-DSig elements, as the table says', () => {
    const seq = xsChild(xsChild(alertEl, 'complexType')!, 'sequence')!;
    const any = childElements(seq).find((c) => localName(c) === 'any')!;
    expect(any.getAttribute('namespace')).toBe(CAP_ALERT_ANY_NAMESPACE);
    expect(childElements(seq).at(-1)).toBe(any);
  });
});
