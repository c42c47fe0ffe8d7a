import { describe, expect, it } from 'vitest';
import { buildCapXml } from './build.js';
import type { CapAlert } from './model.js';
import { fixture, fullAlert } from './test-support.js';
import { validateCap } from './validate.js';

const codes = (errs: { path: string; code: string }[]) => errs.map((e) => `${e.path} ${e.code}`);

function minimal(): CapAlert {
  return {
    identifier: 'id-1',
    sender: 'qz-duty',
    sent: '2025-07-20T09:30:00+08:00',
    status: 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    code: [],
    info: [
      {
        category: ['Met'],
        event: '台风',
        responseType: [],
        urgency: 'Expected',
        severity: 'Severe',
        certainty: 'Likely',
        eventCode: [],
        parameter: [],
        resource: [],
        area: [{ areaDesc: '泉州市', polygon: [], circle: [], geocode: [] }],
      },
    ],
  };
}

/** Replaces the first occurrence of `from` in the built XML of `alert`. */
function xmlWith(from: string, to: string, alert: CapAlert = minimal()): string {
  const xml = buildCapXml(alert);
  expect(xml).toContain(from);
  return xml.replace(from, to);
}

describe('validateCap: structure per the XSD', () => {
  it.each(['qz-typhoon-orange.cap.xml', 'qz-typhoon-red-update.cap.xml', 'qz-typhoon-cancel.cap.xml'])('accepts the fixture %s', (name) => {
    expect(validateCap(fixture(name))).toEqual([]);
  });

  it('accepts a complete alert as model and as XML', () => {
    expect(validateCap(fullAlert())).toEqual([]);
    expect(validateCap(buildCapXml(fullAlert()))).toEqual([]);
  });

  it('names a missing required element', () => {
    expect(codes(validateCap(xmlWith('<sender>qz-duty</sender>', '')))).toEqual(['/alert/sender structure.missing']);
    expect(codes(validateCap(xmlWith('<category>Met</category>', '')))).toEqual(['/alert/info[0]/category[0] structure.missing']);
    expect(codes(validateCap(xmlWith('<areaDesc>泉州市</areaDesc>', '')))).toEqual(['/alert/info[0]/area[0]/areaDesc structure.missing']);
  });

  it('names an element out of order', () => {
    const xml = xmlWith('<status>Actual</status>\n  <msgType>Alert</msgType>', '<msgType>Alert</msgType>\n  <status>Actual</status>');
    expect(codes(validateCap(xml))).toEqual(['/alert/status structure.order']);
  });

  it('names a single element that appears twice and an element CAP does not have', () => {
    expect(codes(validateCap(xmlWith('<event>台风</event>', '<event>台风</event><event>暴雨</event>')))).toEqual([
      '/alert/info[0]/event structure.too_many',
    ]);
    expect(codes(validateCap(xmlWith('<scope>Public</scope>', '<scope>Public</scope><senderCode>35050041600000</senderCode>')))).toEqual([
      '/alert/senderCode structure.unexpected',
    ]);
  });

  it('checks value lists of status, msgType, scope, category, responseType, urgency, severity, certainty', () => {
    const a = minimal() as unknown as Record<string, unknown> & CapAlert;
    Object.assign(a, { status: 'Real', msgType: 'Notice', scope: 'Everyone' });
    Object.assign(a.info[0]!, { category: ['Weather'], responseType: ['Run'], urgency: 'Now', severity: 'Orange', certainty: 'Sure' });
    expect(codes(validateCap(a))).toEqual([
      '/alert/status value.enum',
      '/alert/msgType value.enum',
      '/alert/scope value.enum',
      '/alert/info[0]/category[0] value.enum',
      '/alert/info[0]/responseType[0] value.enum',
      '/alert/info[0]/urgency value.enum',
      '/alert/info[0]/severity value.enum',
      '/alert/info[0]/certainty value.enum',
    ]);
    expect(validateCap(a)[0]!.messageZh).toContain('Actual');
  });

  it('requires dateTimes with a timezone and a real calendar date', () => {
    const a = minimal();
    a.sent = '2025-07-20T09:30:00';
    a.info[0]!.effective = '2025-02-30T09:30:00+08:00';
    a.info[0]!.expires = '2025-07-21T09:30:00-00:00';
    expect(codes(validateCap(a))).toEqual([
      '/alert/sent value.dateTime',
      '/alert/info[0]/effective value.dateTime',
      '/alert/info[0]/expires value.dateTime',
    ]);
  });

  it('checks language tags, integers and decimals', () => {
    const a = fullAlert();
    a.info[0]!.language = 'zh CN';
    a.info[0]!.resource[0]!.size = 1.5;
    expect(codes(validateCap(a))).toEqual([
      '/alert/info[0]/language value.language',
      '/alert/info[0]/resource[0]/size value.integer',
      '/alert/info[0]/resource[0]/size resource.size',
    ]);
    expect(codes(validateCap(xmlWith('<areaDesc>泉州市</areaDesc>', '<areaDesc>泉州市</areaDesc><altitude>high</altitude>')))).toEqual([
      '/alert/info[0]/area[0]/altitude value.decimal',
    ]);
  });

  it('allows XML-DSig elements only after everything else', () => {
    const sig = '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>';
    expect(validateCap(xmlWith('</alert>', `${sig}</alert>`))).toEqual([]);
    expect(codes(validateCap(xmlWith('<info>', `${sig}<info>`)))).toEqual(['/alert/info[0] structure.order']);
  });

  it('reports unreadable input as one error instead of throwing', () => {
    expect(codes(validateCap('not xml'))).toEqual(['/ NOT_XML']);
    expect(codes(validateCap('<rss/>'))).toEqual(['/ NOT_CAP']);
  });
});

describe('validateCap: CAP semantic rules', () => {
  it('refuses spaces, commas and restricted characters in identifier and sender', () => {
    const a = minimal();
    a.identifier = 'id 1';
    a.sender = 'a,b';
    expect(codes(validateCap(a))).toEqual(['/alert/identifier alert.identifier.chars', '/alert/sender alert.sender.chars']);
  });

  it('ties restriction to scope Restricted and addresses to scope Private', () => {
    const a = minimal();
    a.restriction = 'internal';
    expect(codes(validateCap(a))).toEqual(['/alert/restriction alert.restriction.scope']);
    a.scope = 'Restricted';
    expect(validateCap(a)).toEqual([]);
    delete a.restriction;
    expect(codes(validateCap(a))).toEqual(['/alert/restriction alert.restriction.required']);
    a.scope = 'Private';
    expect(codes(validateCap(a))).toEqual(['/alert/addresses alert.addresses.required']);
  });

  it('requires references for Update and Cancel and checks the "sender,identifier,sent" format', () => {
    const a = minimal();
    a.msgType = 'Update';
    expect(codes(validateCap(a))).toEqual(['/alert/references alert.references.required']);
    a.references = 'qz-duty,id-0';
    expect(codes(validateCap(a))).toEqual(['/alert/references alert.references.format']);
    a.references = 'qz-duty,id-0,yesterday';
    expect(codes(validateCap(a))).toEqual(['/alert/references alert.references.format']);
    a.references = 'qz-duty,id-0,2025-07-20T08:00:00+08:00 qz-duty,id-00,2025-07-20T08:30:00+08:00';
    expect(validateCap(a)).toEqual([]);
  });

  it('requires an info block on an Alert but not on a Cancel', () => {
    const a = minimal();
    a.info = [];
    expect(codes(validateCap(a))).toEqual(['/alert/info[0] alert.info.required']);
    a.msgType = 'Cancel';
    a.references = 'qz-duty,id-0,2025-07-20T08:00:00+08:00';
    expect(validateCap(a)).toEqual([]);
  });

  it('requires expires after effective (or sent) and after onset', () => {
    const a = minimal();
    a.info[0]!.expires = '2025-07-20T09:00:00+08:00';
    expect(codes(validateCap(a))).toEqual(['/alert/info[0]/expires info.expires.order']);
    a.info[0]!.effective = '2025-07-20T08:00:00+08:00';
    a.info[0]!.onset = '2025-07-20T10:00:00+08:00';
    expect(validateCap(a).map((e) => e.message)).toEqual(['<expires> must be after <onset>']);
    // the same instant written in another offset is not "after"
    a.info[0]!.onset = '2025-07-20T01:00:00+00:00';
    expect(validateCap(a).map((e) => e.message)).toEqual(['<expires> must be after <onset>']);
  });

  it('names each bad polygon: open ring, too few points, out of range, self-intersecting, unreadable', () => {
    const a = minimal();
    a.info[0]!.area = [
      {
        areaDesc: 'x',
        polygon: [
          '24.7,118.5 24.8,118.5 24.8,118.6 24.7,118.6',
          '24.7,118.5 24.8,118.5 24.7,118.5',
          '24.7,118.5 94.8,118.5 24.8,118.6 24.7,118.5',
          '24.7,118.5 24.8,118.6 24.8,118.5 24.7,118.6 24.7,118.5',
          '24.7;118.5 24.8,118.5 24.8,118.6 24.7,118.5',
          '24.7,118.5 24.8,118.5 24.8,118.6 24.7,118.5',
        ],
        circle: [],
        geocode: [],
      },
      { areaDesc: 'y', polygon: [], circle: [], geocode: [] },
    ];
    const errs = validateCap(a);
    expect(codes(errs)).toEqual([0, 1, 2, 3, 4].map((k) => `/alert/info[0]/area[0]/polygon[${k}] polygon.invalid`));
    expect(errs.map((e) => e.message)).toEqual([
      'polygon is not closed: the first and last pairs must be equal',
      'polygon needs at least 4 coordinate pairs (has 3)',
      'polygon latitude 94.8 is outside -90..90',
      'polygon intersects itself (segments 0 and 2)',
      'polygon must be space-separated "lat,lon" pairs',
    ]);
    expect(errs[3]!.messageZh).toContain('自相交');
  });

  it('checks circles as "lat,lon radius" and the second area gets its own index', () => {
    const a = minimal();
    a.info[0]!.area.push({
      areaDesc: 'z',
      polygon: [],
      circle: ['24.8,118.6 5', '24.8,118.6', '24.8,218.6 5', '24.8,118.6 -1'],
      geocode: [],
    });
    expect(codes(validateCap(a))).toEqual([1, 2, 3].map((k) => `/alert/info[0]/area[1]/circle[${k}] circle.invalid`));
  });

  it('requires altitude with ceiling and ceiling not below altitude', () => {
    const a = minimal();
    a.info[0]!.area[0]!.ceiling = 100;
    expect(codes(validateCap(a))).toEqual(['/alert/info[0]/area[0]/ceiling area.ceiling.altitude']);
    a.info[0]!.area[0]!.altitude = 200;
    expect(codes(validateCap(a))).toEqual(['/alert/info[0]/area[0]/ceiling area.ceiling.order']);
  });

  it('reports a model missing a required field by path', () => {
    const a = minimal() as Partial<CapAlert>;
    delete a.status;
    expect(codes(validateCap(a as CapAlert))).toEqual(['/alert/status structure.missing']);
  });
});
