import { describe, expect, it } from 'vitest';
import { maskPhone, personKey, phoneDigits, repeatedPeople } from './people.js';

const key = Buffer.alloc(32, 7);
const other = Buffer.alloc(32, 9);

describe('phones', () => {
  it('normalises separators and the +86 prefix', () => {
    expect(phoneDigits('+86 138-0595-1234')).toBe('13805951234');
    expect(phoneDigits('0595-22581234')).toBe('059522581234');
  });

  it('masks all but the first three and last four digits', () => {
    expect(maskPhone('13805951234')).toBe('138****1234');
    expect(maskPhone('0595-22581234')).toBe('059*****1234');
    expect(maskPhone('2258123')).toBe('***8123');
  });
});

describe('personKey', () => {
  it('identifies a user by id whatever name or phone is typed', () => {
    expect(personKey({ userId: 'u1', name: '张三', phone: null }, 'o1', key)).toBe('u:u1');
    expect(personKey({ userId: 'u1', name: '李四', phone: '13805951234' }, 'o2', key)).toBe('u:u1');
  });

  it('identifies a named person by name and phone across orgs, without revealing the number', () => {
    const a = personKey({ userId: null, name: '张三', phone: '138-0595-1234' }, 'o1', key);
    expect(a).toBe(personKey({ userId: null, name: ' 张三 ', phone: '13805951234' }, 'o2', key));
    expect(a).not.toContain('1234');
    expect(a).not.toBe(personKey({ userId: null, name: '张三', phone: '13805959999' }, 'o1', key));
    expect(a).not.toBe(personKey({ userId: null, name: '张三', phone: '13805951234' }, 'o1', other));
  });

  it('treats namesakes without a phone as the same person only within one org', () => {
    expect(personKey({ userId: null, name: '张三', phone: null }, 'o1', key)).toBe(
      personKey({ userId: null, name: '张三', phone: null }, 'o1', key),
    );
    expect(personKey({ userId: null, name: '张三', phone: null }, 'o1', key)).not.toBe(
      personKey({ userId: null, name: '张三', phone: null }, 'o2', key),
    );
  });

  it('finds people listed twice in one shift', () => {
    expect(
      repeatedPeople([
        { key: 'a', name: '张三' },
        { key: 'b', name: '李四' },
        { key: 'a', name: '张三' },
      ]),
    ).toEqual(['张三']);
    expect(repeatedPeople([{ key: 'a', name: '张三' }])).toEqual([]);
  });
});
