import { describe, expect, it } from 'vitest';
import { availableActions, personTransition, systemTransition, type AlarmAction, type AlarmFacts } from './alarm-status.js';

const facts = (status: AlarmFacts['status'], o: Partial<AlarmFacts> = {}): AlarmFacts => ({
  status,
  acknowledged: status === 'acknowledged',
  converted: false,
  ...o,
});

describe('system transitions', () => {
  it.each([
    ['active', 'raise', null],
    ['acknowledged', 'raise', null],
    ['cleared', 'raise', 'active'],
    ['closed', 'raise', null],
    ['active', 'clear', 'cleared'],
    ['acknowledged', 'clear', 'cleared'],
    ['cleared', 'clear', null],
    ['closed', 'clear', null],
  ] as const)('%s + %s → %s', (status, change, next) => {
    expect(systemTransition(status, change)).toBe(next);
  });
});

describe('person transitions', () => {
  it.each([
    ['active', 'acknowledge', 'acknowledged'],
    ['cleared', 'acknowledge', 'cleared'],
    ['acknowledged', 'close', 'closed'],
    ['cleared', 'close', 'closed'],
    ['active', 'convert', 'acknowledged'],
    ['cleared', 'convert', 'cleared'],
    ['closed', 'comment', 'closed'],
    ['closed', 'false_alarm', 'closed'],
    ['active', 'escalate', 'active'],
    ['acknowledged', 'assign', 'acknowledged'],
  ] as const)('%s + %s → %s', (status, action, next) => {
    expect(personTransition(facts(status), action)).toEqual({ ok: true, value: next });
  });

  it.each([
    ['active', 'close', '请先确认报警再关闭'],
    ['acknowledged', 'acknowledge', '报警已确认'],
    ['closed', 'acknowledge', '报警已关闭'],
    ['closed', 'close', '报警已关闭'],
    ['closed', 'assign', '报警已关闭，不能指派'],
    ['cleared', 'escalate', '只有未恢复的报警可以升级'],
    ['closed', 'escalate', '只有未恢复的报警可以升级'],
  ] as const)('%s + %s is refused: %s', (status, action, reason) => {
    expect(personTransition(facts(status), action)).toEqual({ ok: false, reason });
  });

  it('an acknowledged cleared alarm cannot be acknowledged twice; a converted one not converted twice', () => {
    expect(personTransition(facts('cleared', { acknowledged: true }), 'acknowledge').ok).toBe(false);
    expect(personTransition(facts('active', { converted: true }), 'convert')).toEqual({ ok: false, reason: '报警已转为事件' });
  });

  it('lists the actions open in each state', () => {
    const list = (f: AlarmFacts): AlarmAction[] => availableActions(f);
    expect(list(facts('active'))).toEqual(['acknowledge', 'assign', 'comment', 'escalate', 'false_alarm', 'convert']);
    expect(list(facts('closed', { acknowledged: true }))).toEqual(['comment', 'false_alarm', 'convert']);
  });
});
