import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, eventTypePrefix } from './incident-queries.service.js';

describe('eventTypePrefix', () => {
  it('turns a picked tree node into the prefix of its branch', () => {
    expect(eventTypePrefix('10000')).toBe('1');
    expect(eventTypePrefix('12000')).toBe('12');
    expect(eventTypePrefix('12H00')).toBe('12H');
    expect(eventTypePrefix('12H01')).toBe('12H01');
    expect(eventTypePrefix('11A10')).toBe('11A10');
    expect(eventTypePrefix('12')).toBe('12');
    expect(eventTypePrefix(undefined)).toBeUndefined();
  });
});

describe('list cursors', () => {
  it('round-trip and refuse garbage as a field error', () => {
    const at = new Date('2026-06-01T08:00:00Z');
    const id = '01970000-0000-7000-8000-000000000001';
    expect(decodeCursor(encodeCursor(at, id))).toEqual({ at, id });
    expect(decodeCursor(undefined)).toBeNull();
    expect(() => decodeCursor('garbage')).toThrow(
      expect.objectContaining({ code: 'VALIDATION', errors: [expect.objectContaining({ field: 'cursor' })] }),
    );
  });
});
