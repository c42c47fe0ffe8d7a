import { describe, expect, it } from 'vitest';
import { codePrefix, DEFAULT_DEADLINE_RULES, pickRule } from './deadline-rules.js';

describe('codePrefix', () => {
  it.each([
    ['10000', '1'],
    ['12000', '12'],
    ['12H00', '12H'],
    ['12H01', '12H01'],
    ['11A10', '11A10'],
  ])('%s → %s', (code, prefix) => expect(codePrefix(code)).toBe(prefix));
});

describe('pickRule with the default rules', () => {
  const pick = (kind: Parameters<typeof pickRule>[1], eventType: string, grade: number | null) =>
    pickRule(DEFAULT_DEADLINE_RULES, kind, eventType, grade);

  it.each([
    // kind, event type, grade → rule id (undefined = not required)
    ['first_phone', '12D01', 3, 'first_phone'],
    ['first_phone', '12D01', 1, 'first_phone'],
    ['first_phone', '12D01', 4, undefined],
    ['first_phone', '12D01', null, undefined],
    ['first', '11A01', null, 'first'],
    ['forward_province', '12D01', 4, undefined],
    ['forward_province', '12D01', 3, 'forward_province'],
    ['followup', '12D01', 4, 'followup'],
    ['followup', '12D01', 3, 'followup'],
    ['followup', '12D01', 2, 'followup_major'],
    ['followup', '12D01', 1, 'followup_major'],
    ['supplement', '12H02', 4, 'supplement_road'],
    ['supplement', '12G03', null, 'supplement_fire'],
    ['supplement', '12B05', 4, 'supplement'],
    ['supplement', '12C01', 4, 'supplement'],
    ['instruction_feedback', '11B01', null, 'instruction_feedback'],
  ] as const)('%s for %s grade %s → %s', (kind, eventType, grade, id) => {
    expect(pick(kind, eventType, grade)?.id).toBe(id);
  });

  it('gives the road and fire windows 7 days and the general one 30 days', () => {
    expect(pick('supplement', '12H01', 4)?.offsetMinutes).toBe(7 * 1440);
    expect(pick('supplement', '12G01', 4)?.offsetMinutes).toBe(7 * 1440);
    expect(pick('supplement', '12D01', 4)?.offsetMinutes).toBe(30 * 1440);
  });

  it('prefers a rule for an exact code over its sub-category', () => {
    const rules = [...DEFAULT_DEADLINE_RULES, { ...DEFAULT_DEADLINE_RULES[1]!, id: 'first_12H05', category: '12H05', offsetMinutes: 20 }];
    expect(pickRule(rules, 'first', '12H05', 4)?.offsetMinutes).toBe(20);
    expect(pickRule(rules, 'first', '12H04', 4)?.offsetMinutes).toBe(60);
  });
});
