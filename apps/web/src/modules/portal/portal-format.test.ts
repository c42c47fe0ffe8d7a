import type { PortalWarningDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import {
  colourCounts,
  colourHex,
  countyOptions,
  filterToParams,
  filterWarnings,
  formatDistance,
  NO_COLOUR_HEX,
  NO_FILTER,
  parseFilter,
  visibleIdentifiers,
} from './portal-format';

const JJ = { code: '350582', name: '晋江市' };
const FZ = { code: '350503', name: '丰泽区' };
const NA = { code: '350583', name: '南安市' };

function warning(identifier: string, o: Partial<PortalWarningDto>): PortalWarningDto {
  return {
    identifier,
    source: 'internal',
    sender: '泉州市应急管理局',
    typeCode: '11B01',
    typeName: '台风',
    typeNameEn: 'Typhoon',
    colour: 'blue',
    headline: identifier,
    description: '',
    instruction: '',
    areaDescription: '',
    sent: '2026-06-01T00:00:00.000Z',
    effective: null,
    expires: null,
    capUrl: `/public/warnings/${identifier}.cap.xml`,
    gbUrl: null,
    en: null,
    counties: [],
    ...o,
  };
}

const items = [
  warning('blue-jj-new', { colour: 'blue', counties: [JJ], sent: '2026-06-02T00:00:00.000Z' }),
  warning('red-fz', { colour: 'red', counties: [FZ] }),
  warning('yellow-city', { colour: 'yellow', counties: [JJ, FZ, NA] }),
  warning('external', { colour: null, source: 'external', counties: [NA] }),
  warning('blue-jj-old', { colour: 'blue', counties: [JJ], sent: '2026-05-30T00:00:00.000Z' }),
];

describe('formatDistance', () => {
  it('shows metres below 1 km and kilometres above, in Chinese and English', () => {
    expect(formatDistance(0, 'zh-CN')).toBe('0 米');
    expect(formatDistance(849.6, 'zh-CN')).toBe('850 米');
    expect(formatDistance(999.4, 'en')).toBe('999 m');
    expect(formatDistance(999.6, 'zh-CN')).toBe('1.0 公里');
    expect(formatDistance(1234, 'zh-CN')).toBe('1.2 公里');
    expect(formatDistance(1250, 'en')).toBe('1.3 km');
    expect(formatDistance(9_949, 'en')).toBe('9.9 km');
    expect(formatDistance(12_600, 'zh-CN')).toBe('13 公里');
  });

  it('never shows a negative distance', () => {
    expect(formatDistance(-5, 'en')).toBe('0 m');
  });
});

describe('filterWarnings', () => {
  it('lists the most severe first, then the newest, without a filter', () => {
    expect(filterWarnings(items, NO_FILTER).map((w) => w.identifier)).toEqual([
      'red-fz',
      'yellow-city',
      'blue-jj-new',
      'blue-jj-old',
      'external',
    ]);
  });

  it('keeps the warnings covering the chosen county', () => {
    expect(filterWarnings(items, { county: '350582', colours: [] }).map((w) => w.identifier)).toEqual([
      'yellow-city',
      'blue-jj-new',
      'blue-jj-old',
    ]);
    expect(filterWarnings(items, { county: '350521', colours: [] })).toEqual([]);
  });

  it('keeps the chosen colours (warnings without a colour only when no colour is chosen)', () => {
    expect(filterWarnings(items, { county: '', colours: ['red', 'blue'] }).map((w) => w.identifier)).toEqual([
      'red-fz',
      'blue-jj-new',
      'blue-jj-old',
    ]);
    expect(visibleIdentifiers(items, { county: '350583', colours: ['yellow'] })).toEqual(['yellow-city']);
  });

  it('does not reorder the list it was given', () => {
    const copy = [...items];
    filterWarnings(items, NO_FILTER);
    expect(items).toEqual(copy);
  });
});

describe('county options and counts', () => {
  it('lists every county by code with the number of warnings covering it', () => {
    expect(countyOptions([NA, JJ, FZ, { code: '350521', name: '惠安县' }], items)).toEqual([
      { ...FZ, count: 2 },
      { code: '350521', name: '惠安县', count: 0 },
      { ...JJ, count: 3 },
      { ...NA, count: 2 },
    ]);
  });

  it('counts warnings per colour', () => {
    expect(colourCounts(items)).toEqual({ red: 1, orange: 0, yellow: 1, blue: 2 });
  });

  it('has a grey for warnings without a colour', () => {
    expect(colourHex(null)).toBe(NO_COLOUR_HEX);
    expect(colourHex('red')).not.toBe(NO_COLOUR_HEX);
  });
});

describe('filter in the address bar', () => {
  it('round-trips county and colours, dropping unknown values', () => {
    const f = parseFilter(new URLSearchParams('county=350582&colour=orange,purple,red'));
    expect(f).toEqual({ county: '350582', colours: ['orange', 'red'] });
    expect(filterToParams(f)).toEqual({ county: '350582', colour: 'red,orange' });
    expect(parseFilter(new URLSearchParams('county=35&colour='))).toEqual(NO_FILTER);
    expect(filterToParams(NO_FILTER)).toEqual({});
  });
});
