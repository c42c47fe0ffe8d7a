import { RESOURCE_KINDS, RESOURCE_STATUSES } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { en } from '../../lib/locales/en';
import { zhCN } from '../../lib/locales/zh-CN';
import { KIND_SPECS, kindOf } from './kinds';
import { formatAttr, plainText, resourceColumns } from './resource-columns';
import { statusColor, statusesOf } from './resource-status';

const lookup = (messages: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), messages);
const zh = (key: string, opts?: Record<string, unknown>) => {
  const v = lookup(zhCN, key);
  return typeof v === 'string' ? v : typeof opts?.defaultValue === 'string' ? opts.defaultValue : key;
};

describe('registry columns', () => {
  it('shows the shared columns around each kind’s own ones, sortable where the server sorts', () => {
    const team = resourceColumns(KIND_SPECS.team);
    expect(team.map((c) => c.key)).toEqual([
      'externalCode',
      'name',
      'typeName',
      'status',
      'attrs.level',
      'attrs.headcount',
      'orgName',
      'updatedAt',
    ]);
    expect(team.filter((c) => c.sort).map((c) => c.sort)).toEqual(['externalCode', 'name', 'updatedAt']);
    expect(resourceColumns(KIND_SPECS.shelter).map((c) => c.key)).toContain('attrs.occupancy');
    expect(resourceColumns(KIND_SPECS.expert).map((c) => c.key)).toEqual(expect.arrayContaining(['attrs.employer', 'attrs.title']));
  });

  it('has a Chinese and an English header for every column of every kind', () => {
    for (const kind of RESOURCE_KINDS) {
      for (const c of resourceColumns(KIND_SPECS[kind])) {
        expect(typeof lookup(zhCN, c.titleKey), `${kind} ${c.titleKey}`).toBe('string');
        expect(typeof lookup(en, c.titleKey), `${kind} ${c.titleKey}`).toBe('string');
      }
    }
  });

  it('labels every attribute, enum choice and status in both languages', () => {
    for (const kind of RESOURCE_KINDS) {
      for (const f of KIND_SPECS[kind].attrs) {
        for (const m of [zhCN, en]) expect(typeof lookup(m, `resources.attrs.${f.name}`), f.name).toBe('string');
        for (const o of f.options ?? []) {
          for (const m of [zhCN, en]) expect(typeof lookup(m, `resources.enums.${f.enumKey}.${o}`), `${f.enumKey}.${o}`).toBe('string');
        }
      }
      expect(statusesOf(kind)).toEqual(Object.keys(RESOURCE_STATUSES[kind]));
      for (const s of statusesOf(kind)) {
        expect(lookup(zhCN, `resources.statuses.${kind}.${s}`)).toBe((RESOURCE_STATUSES[kind] as Record<string, string>)[s]);
        expect(typeof lookup(en, `resources.statuses.${kind}.${s}`)).toBe('string');
      }
    }
  });
});

describe('attribute values as text', () => {
  const field = (name: string) => KIND_SPECS.shelter.attrs.find((f) => f.name === name)!;

  it('formats numbers with their unit, yes/no, enum labels and lists', () => {
    expect(formatAttr(field('capacity'), 1200, zh)).toBe('1,200 人');
    expect(formatAttr(field('indoor'), false, zh)).toBe('否');
    expect(formatAttr(field('shelterClass'), 'II', zh)).toBe('Ⅱ类');
    expect(formatAttr(field('facilities'), ['饮用水', '医疗点'], zh)).toBe('饮用水、医疗点');
    const equipment = KIND_SPECS.team.attrs.find((f) => f.name === 'equipment')!;
    expect(formatAttr(equipment, [{ name: '冲锋舟', quantity: 2 }], zh)).toBe('冲锋舟 × 2');
  });

  it('shows a dash for empty values and an unknown enum value as it is', () => {
    expect(formatAttr(field('serviceRadiusM'), null, zh)).toBe('—');
    expect(formatAttr(field('facilities'), [], zh)).toBe('—');
    expect(formatAttr(field('shelterClass'), 'IV', zh)).toBe('IV');
    expect(plainText({ a: 1 })).toBe('{"a":1}');
  });
});

describe('kinds and statuses', () => {
  it('accepts only the seven registry kinds as a route segment', () => {
    expect(kindOf('team')).toBe('team');
    expect(kindOf('stock')).toBeNull();
    expect(kindOf(undefined)).toBeNull();
  });

  it('colours ready statuses green, busy ones warm and unknown ones grey', () => {
    expect(statusColor('available')).toBe('green');
    expect(statusColor('on_mission')).toBe('orange');
    expect(statusColor('whatever')).toBe('default');
  });
});
