import type { WarningTypeDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { colourHex, coloursOf, guideOf, typeLabel } from './warning-format';
import { toWarningFilters } from './warning-filters';

const TYPES: WarningTypeDto[] = [
  {
    code: '11B01',
    nameZh: '台风',
    nameEn: 'Typhoon',
    colours: ['red', 'blue', 'orange', 'yellow'],
    guides: { orange: '防台风抢险', blue: '防台风准备' },
  },
  { code: '11B09', nameZh: '高温', nameEn: 'High temperature', colours: ['yellow', 'orange', 'red'], guides: {} },
  { code: '11B16', nameZh: '霜冻', nameEn: 'Frost', colours: ['blue', 'yellow', 'orange'], guides: {} },
];

describe('warning colours per type', () => {
  it('offers only the colours the type allows, in level order blue → red', () => {
    expect(coloursOf(TYPES, '11B01')).toEqual(['blue', 'yellow', 'orange', 'red']);
    expect(coloursOf(TYPES, '11B09')).toEqual(['yellow', 'orange', 'red']);
    expect(coloursOf(TYPES, '11B16')).toEqual(['blue', 'yellow', 'orange']);
    expect(coloursOf(TYPES, '11B99')).toEqual([]);
    expect(coloursOf(undefined, '11B01')).toEqual([]);
  });

  it('finds the 防御指南 of a type and colour, empty when there is none', () => {
    expect(guideOf(TYPES, '11B01', 'orange')).toBe('防台风抢险');
    expect(guideOf(TYPES, '11B01', 'red')).toBe('');
    expect(guideOf(TYPES, undefined, 'orange')).toBe('');
    expect(guideOf(TYPES, '11B01', undefined)).toBe('');
  });

  it('draws warnings in the national colours and grey without a colour', () => {
    expect(colourHex('orange')).toBe('#ff7a00');
    expect(colourHex('red')).toBe('#e0001b');
    expect(colourHex(null)).toBe('#8c8c8c');
  });

  it('labels types with code and name in the UI language', () => {
    expect(typeLabel(TYPES[0]!, 'zh-CN')).toBe('11B01 台风');
    expect(typeLabel(TYPES[0]!, 'en')).toBe('11B01 Typhoon');
  });
});

describe('list filters', () => {
  const at = (wall: string) => ({ format: () => wall });

  it('builds the list query from the filter form and leaves blanks out', () => {
    expect(
      toWarningFilters({
        q: '  台风 ',
        status: ['submitted', 'published'],
        colour: 'orange',
        typeCode: '11B01',
        source: 'external',
        range: [at('2026-06-01 00:00:00'), at('2026-06-02 12:30:00')],
      }),
    ).toEqual({
      q: '台风',
      status: 'submitted,published',
      colour: 'orange',
      typeCode: '11B01',
      source: 'external',
      from: '2026-06-01T00:00:00+08:00',
      to: '2026-06-02T12:30:00+08:00',
    });
    expect(toWarningFilters({ q: '   ', status: [], range: [null, null] })).toEqual({});
  });
});
