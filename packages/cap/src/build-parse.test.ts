import { describe, expect, it } from 'vitest';
import { buildCapXml } from './build.js';
import { CapParseError } from './errors.js';
import { parseCapXml } from './parse.js';
import { fixture, fullAlert } from './test-support.js';

describe('buildCapXml / parseCapXml', () => {
  it.each(['qz-typhoon-orange.cap.xml', 'qz-typhoon-red-update.cap.xml', 'qz-typhoon-cancel.cap.xml'])(
    'round-trips the fixture %s byte for byte (parse → build)',
    (name) => {
      const xml = fixture(name);
      expect(buildCapXml(parseCapXml(xml))).toBe(xml);
    },
  );

  it('keeps every element of a complete alert: build → parse gives the same model, build again the same bytes', () => {
    const alert = fullAlert();
    const xml = buildCapXml(alert);
    const back = parseCapXml(xml);
    expect(back).toEqual(alert);
    expect(buildCapXml(back)).toBe(xml);
  });

  it('writes the CAP 1.2 namespace, schema order and escapes markup in text', () => {
    const xml = buildCapXml(fullAlert());
    expect(xml).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
    expect(xml).toContain('<note>演练消息 &amp; &lt;测试&gt;</note>');
    expect(xml.indexOf('<restriction>')).toBeLessThan(xml.indexOf('<addresses>'));
    expect(xml.indexOf('<eventCode>')).toBeLessThan(xml.indexOf('<effective>'));
  });

  it('reads both language blocks of the national typhoon warning with polygon and geocodes', () => {
    const a = parseCapXml(fixture('qz-typhoon-orange.cap.xml'));
    expect(a.info.map((i) => i.language)).toEqual(['zh-CN', 'en-US']);
    expect(a.info[0]!.headline).toBe('泉州市气象台发布台风橙色预警[Ⅱ级/严重]');
    expect(a.info[0]!.area[0]!.polygon[0]).toMatch(/^24.55,118.45 /);
    expect(a.info[0]!.area[0]!.geocode[0]).toEqual({ valueName: 'GBT35965:geocode', value: '350500000000' });
    expect(a.info[1]!.area[0]!.circle).toEqual(['24.87,118.68 80']);
  });

  it('reads the update and cancel as referring to the original warning', () => {
    const update = parseCapXml(fixture('qz-typhoon-red-update.cap.xml'));
    const cancel = parseCapXml(fixture('qz-typhoon-cancel.cap.xml'));
    expect(update.msgType).toBe('Update');
    expect(update.references).toContain('35050041600000_20250720093000_0');
    expect(cancel.msgType).toBe('Cancel');
    expect(cancel.references?.split(' ')).toHaveLength(2);
  });

  it('ignores an XML signature and prefixed CAP elements read the same as default-namespace ones', () => {
    const xml =
      '<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"><cap:identifier>a</cap:identifier><cap:sender>s</cap:sender>' +
      '<cap:sent>2025-07-20T09:30:00+08:00</cap:sent><cap:status>Actual</cap:status><cap:msgType>Ack</cap:msgType><cap:scope>Public</cap:scope>' +
      '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></cap:alert>';
    expect(parseCapXml(xml)).toMatchObject({ identifier: 'a', msgType: 'Ack', info: [], code: [] });
  });

  it('refuses a document whose root is not a CAP 1.2 alert, naming what it found', () => {
    expect(() => parseCapXml('<feed xmlns="http://www.w3.org/2005/Atom"/>')).toThrow(CapParseError);
    expect(() => parseCapXml('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1"/>')).toThrow(/cap:1.1/);
  });

  it('refuses to build a control character XML cannot carry, naming the element', () => {
    const alert = fullAlert();
    alert.info[0]!.headline = 'bad\u0007';
    expect(() => buildCapXml(alert)).toThrow(/\/alert\/info\[0\]\/headline/);
  });
});
