import { describe, expect, it } from 'vitest';
import { buildCapXml } from './build.js';
import { CapParseError } from './errors.js';
import { fromGbProfile } from './gb-profile.js';
import { parseCapXml } from './parse.js';
import { fixture } from './test-support.js';
import { validateCap } from './validate.js';

function parseError(xml: string): CapParseError {
  try {
    parseCapXml(xml);
  } catch (e) {
    if (e instanceof CapParseError) return e;
    throw e;
  }
  throw new Error('expected a CapParseError');
}

/** A closed ring of `n` points around Quanzhou that does not intersect itself (a star-free circle). */
function bigRing(n: number): string {
  const pts: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    pts.push(`${(24.9 + 0.4 * Math.sin(a)).toFixed(7)},${(118.6 + 0.5 * Math.cos(a)).toFixed(7)}`);
  }
  pts.push(pts[0]!);
  return pts.join(' ');
}

describe('hostile and non-XML input', () => {
  it('refuses an external entity (XXE) before any resolution', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><alert>&xxe;</alert>';
    const e = parseError(xxe);
    expect(e.code).toBe('DOCTYPE_FORBIDDEN');
    expect(e.messageZh).toContain('DOCTYPE');
  });

  it('refuses entity expansion (billion laughs)', () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><alert>&lol3;</alert>';
    expect(parseError(lol).code).toBe('DOCTYPE_FORBIDDEN');
    expect(() => fromGbProfile(lol)).toThrow(CapParseError);
  });

  it('does not mistake DOCTYPE text inside CDATA or comments for a declaration', () => {
    const xml = fixture('qz-typhoon-cancel.cap.xml')
      .replace('<note>', '<note>')
      .replace('<scope>Public</scope>', '<scope>Public</scope>\n  <note><![CDATA[<!DOCTYPE x>]]></note><!-- <!ENTITY y "z"> -->');
    expect(parseCapXml(xml).note).toBe('<!DOCTYPE x>');
  });

  it.each([
    ['empty', '', 'NOT_XML'],
    ['plain text', 'hello', 'NOT_XML'],
    ['JSON', '{"alert":1}', 'NOT_XML'],
    ['truncated XML', '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier>', 'MALFORMED_XML'],
    ['mismatched tags', '<alert><a></b></alert>', 'MALFORMED_XML'],
    ['two roots', '<alert/><alert/>', 'MALFORMED_XML'],
    ['undeclared entity', '<alert>&nbsp;</alert>', 'MALFORMED_XML'],
    ['control character', '<alert>\u0001</alert>', 'MALFORMED_XML'],
    ['an HTML page', '<html><body><p>502 Bad Gateway<br></body></html>', 'MALFORMED_XML'],
    ['an Atom feed', '<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'NOT_CAP'],
  ])('refuses %s with a clear error', (_label, input, code) => {
    const e = parseError(input);
    expect(e.code).toBe(code);
    expect(e.message.length).toBeGreaterThan(5);
    expect(e.messageZh.length).toBeGreaterThan(2);
  });

  it('refuses non-string input', () => {
    expect(() => parseCapXml(42 as unknown as string)).toThrow(CapParseError);
  });
});

describe('very large polygons', () => {
  it('parses and validates a ~1 MB alert with a 40 000-point polygon, and finds a crossing in it', () => {
    const base = parseCapXml(fixture('qz-typhoon-orange.cap.xml'));
    base.info[0]!.area[0]!.polygon = [bigRing(40_000)];
    const xml = buildCapXml(base);
    expect(xml.length).toBeGreaterThan(900_000);
    const parsed = parseCapXml(xml);
    expect(parsed.info[0]!.area[0]!.polygon[0]!.split(' ')).toHaveLength(40_001);
    expect(validateCap(xml)).toEqual([]);

    // swap two neighbouring vertices far apart in the ring → a bow-tie crossing
    const pts = parsed.info[0]!.area[0]!.polygon[0]!.split(' ');
    [pts[20_000], pts[20_001]] = [pts[20_001]!, pts[20_000]!];
    parsed.info[0]!.area[0]!.polygon[0] = pts.join(' ');
    expect(validateCap(parsed).map((e) => e.code)).toEqual(['polygon.invalid']);
  });
});
