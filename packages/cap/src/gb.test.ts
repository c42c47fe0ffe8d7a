import { describe, expect, it } from 'vitest';
import { buildCapXml } from './build.js';
import {
  buildGbIdentifier,
  buildGbSenderCode,
  capCategoryForEventType,
  capSeverityToGbColour,
  checkGbEventType,
  checkGbIdentifier,
  gbColourToCapSeverity,
  parseGbIdentifier,
} from './gb-codes.js';
import { GB_NAMES, fromGbProfile, gbDataOf, toGbProfile } from './gb-profile.js';
import { validateGbProfile } from './gb-validate.js';
import { parseCapXml } from './parse.js';
import { fixture, fullAlert } from './test-support.js';
import { validateCap } from './validate.js';

describe('GB/T 35965.1 identifier and sender code', () => {
  it('builds the 31-character identifier from sender code parts, Beijing entry time and sequence', () => {
    const id = buildGbIdentifier({ senderCode: { division: '350500', org: '416' }, enteredAt: new Date('2025-07-20T01:30:00Z'), seq: 2 });
    expect(id).toBe('35050041600000_20250720093000_2');
    expect(id).toHaveLength(31);
  });

  it('parses it back into its parts', () => {
    expect(parseGbIdentifier('35050241600100_20250720093000_0')).toMatchObject({
      division: '350502',
      org: '416',
      unit: '001',
      ext: '00',
      senderCode: '35050241600100',
      timestamp: '20250720093000',
      enteredAt: new Date('2025-07-20T01:30:00Z'),
      seq: 0,
    });
  });

  it('rejects malformed identifiers and flags the legacy form without sequence unless allowed', () => {
    expect(checkGbIdentifier('35050041600000_20250732093000_0')).toHaveLength(1); // 32 July
    expect(checkGbIdentifier('3505004160000_20250720093000_0')).toHaveLength(1);
    expect(checkGbIdentifier('35050041600000_20250720093000')).toEqual(['lacks the "_N" sequence suffix (31 characters required)']);
    expect(checkGbIdentifier('35050041600000_20250720093000', { allowLegacy: true })).toEqual([]);
    expect(() => buildGbSenderCode({ division: '3505', org: '416' })).toThrow(RangeError);
    expect(() => buildGbIdentifier({ senderCode: '35050041600000', enteredAt: '20250720093000', seq: 10 })).toThrow(RangeError);
  });
});

describe('GB colours, event types and categories', () => {
  it('maps Red/Orange/Yellow/Blue to CAP Extreme/Severe/Moderate/Minor and back', () => {
    expect(['Red', 'Orange', 'Yellow', 'Blue'].map(gbColourToCapSeverity)).toEqual(['Extreme', 'Severe', 'Moderate', 'Minor']);
    expect(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'].map(capSeverityToGbColour)).toEqual([
      'Red',
      'Orange',
      'Yellow',
      'Blue',
      undefined,
    ]);
    expect(gbColourToCapSeverity('Purple')).toBe('Unknown');
  });

  it('checks event-type format and, when given, membership of the code table', () => {
    expect(checkGbEventType('11B01')).toEqual([]);
    expect(checkGbEventType('11b01')).toHaveLength(1);
    expect(checkGbEventType('typhoon')).toHaveLength(1);
    expect(checkGbEventType('11B77', new Set(['11B01', '11B03']))).toEqual(['is not a known event code']);
  });

  it('derives CAP categories from national codes', () => {
    expect(['11B01', '11D01', '11G01', '12D02', '12H02', '13A01', '14F01', '19000'].map(capCategoryForEventType)).toEqual([
      'Met',
      'Geo',
      'Fire',
      'CBRNE',
      'Transport',
      'Health',
      'Security',
      'Other',
    ]);
  });
});

describe('toGbProfile / fromGbProfile', () => {
  const gbXml = fixture('qz-typhoon-orange.gb.xml');

  it('GB → CAP → GB gives the national message back byte for byte', () => {
    expect(toGbProfile(fromGbProfile(gbXml))).toBe(gbXml);
  });

  it('GB → CAP is valid plain CAP 1.2 and equals the CAP fixture', () => {
    const cap = fromGbProfile(gbXml);
    expect(validateCap(cap)).toEqual([]);
    expect(buildCapXml(cap)).toBe(fixture('qz-typhoon-orange.cap.xml'));
  });

  it('CAP → GB → CAP gives the same alert (profile data kept under documented names)', () => {
    const cap = parseCapXml(fixture('qz-typhoon-orange.cap.xml'));
    expect(fromGbProfile(toGbProfile(cap))).toEqual(cap);
  });

  it('keeps every CAP element through the GB form', () => {
    const a = fullAlert();
    a.info.forEach((f) => f.parameter.push({ valueName: GB_NAMES.senderCode, value: '35050041600000' }));
    const back = fromGbProfile(toGbProfile(a));
    // the GB form always states the colour, so the CAP side gains the documented colour parameter
    a.info.forEach((f) => f.parameter.push({ valueName: GB_NAMES.severity, value: 'Yellow' }));
    expect(back).toEqual(a);
    expect(toGbProfile(back)).toBe(toGbProfile(a));
  });

  it('exposes senderCode, methods, event type, colour and 12-digit geocodes', () => {
    const data = gbDataOf(fromGbProfile(gbXml));
    expect(data.senderCode).toBe('35050041600000');
    expect(data.secClassification).toBe('非涉密');
    expect(data.methods.map((m) => m.methodName)).toEqual(['SMS', 'SPEAKER', 'WEB']);
    expect(data.methods[0]!.audienceGrp).toBe('泉州市沿海县（市、区）手机用户');
    expect(data.info[0]).toMatchObject({ eventType: '11B01', colour: 'Orange' });
    expect(data.info[0]!.geocodes[0]).toContain('350500000000');
  });

  it('writes GB elements from options for a plain CAP alert built by the platform', () => {
    const cap = parseCapXml(fixture('qz-typhoon-red-update.cap.xml'));
    const xml = toGbProfile(cap, {
      senderCode: '35050041600000',
      secClassification: '非涉密',
      methods: [{ methodName: 'SMS', message: '台风红色预警' }],
    });
    expect(xml).toContain('<senderCode>35050041600000</senderCode>');
    expect(xml).toContain('<sendTime>2025-07-20T15:30:00+08:00</sendTime>');
    expect(xml).toContain('<severity>Red</severity>');
    expect(xml).toContain('<eventType>11B01</eventType>');
    expect(xml).toContain('<geocode>350500000000</geocode>');
    expect(xml).toMatch(/<code>\s*<method>\s*<methodName>SMS<\/methodName>/);
    expect(validateGbProfile(xml)).toEqual([]);
  });

  it('fills CAP-required elements a terse GB message lacks and marks them so the GB form stays the same', () => {
    const terse = gbXml.replace(/\s*<category>Met<\/category>/g, '').replace(/\s*<event>[^<]*<\/event>/g, '');
    const cap = fromGbProfile(terse, { eventTypeNames: { '11B01': '台风' } });
    expect(cap.info[0]).toMatchObject({ category: ['Met'], event: '台风' });
    expect(cap.info[0]!.parameter.at(-1)).toEqual({ valueName: GB_NAMES.derived, value: 'category,event' });
    expect(validateCap(cap)).toEqual([]);
    expect(toGbProfile(cap)).toBe(terse);
  });

  it('keeps GB data of an alert without info blocks in code entries', () => {
    const noInfo = gbXml.replace(/\n {2}<info>[\s\S]*<\/info>/, '').replace('<msgType>Alert</msgType>', '<msgType>Ack</msgType>');
    const cap = fromGbProfile(noInfo);
    expect(cap.code).toContain(`${GB_NAMES.senderCode}=35050041600000`);
    expect(toGbProfile(cap)).toBe(noInfo);
  });
});

describe('validateGbProfile', () => {
  const gbXml = fixture('qz-typhoon-orange.gb.xml');
  const codes = (xml: string, opts = {}) => validateGbProfile(xml, opts).map((e) => `${e.path} ${e.code}`);

  it('accepts the national typhoon warning', () => {
    expect(validateGbProfile(gbXml, { knownEventTypes: new Set(['11B01']) })).toEqual([]);
  });

  it('names GB-specific problems by GB element path', () => {
    const bad = gbXml
      .replace('<identifier>35050041600000_20250720093000_0', '<identifier>35050041600000-20250720093000')
      .replace('<senderCode>35050041600000', '<senderCode>3505004160')
      .replace('<severity>Orange</severity>', '<severity>Severe</severity>')
      .replace('<eventType>11B01</eventType>', '<eventType>typhoon</eventType>')
      .replace('350505000000,', '3505050,');
    expect(codes(bad)).toEqual([
      '/alert/identifier gb.identifier',
      '/alert/senderCode gb.senderCode.format',
      '/alert/info[0]/eventType gb.eventType',
      '/alert/info[0]/severity gb.severity',
      '/alert/info[0]/area[0]/geocode gb.geocode',
    ]);
  });

  it('checks sender code against the identifier, Beijing time, unknown codes and colours a type does not have', () => {
    const bad = gbXml
      .replace('<senderCode>35050041600000', '<senderCode>35050241600000')
      .replace('<sendTime>2025-07-20T09:30:00+08:00', '<sendTime>2025-07-20T01:30:00+00:00');
    expect(codes(bad, { knownEventTypes: new Set(['11B03']), allowedColours: { '11B01': ['Red', 'Yellow'] } })).toEqual([
      '/alert/senderCode gb.senderCode.mismatch',
      '/alert/sendTime gb.timezone',
      '/alert/info[0]/eventType gb.eventType',
      '/alert/info[0]/severity gb.severity.type',
      '/alert/info[1]/eventType gb.eventType',
      '/alert/info[1]/severity gb.severity.type',
    ]);
  });

  it('reports CAP rules with GB paths, e.g. a polygon that is not closed', () => {
    const bad = gbXml.replace('24.55,118.80 24.55,118.45</polygon>', '24.55,118.80</polygon>');
    expect(codes(bad)).toEqual(['/alert/info[0]/area[0]/polygon[0] polygon.invalid']);
  });
});
