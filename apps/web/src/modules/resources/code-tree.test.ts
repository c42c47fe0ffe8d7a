import type { CodeNodeDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { codeLabel, filterHits, hasPrefix, rootCodeOf } from './code-tree';

const node = (code: string, name = code): CodeNodeDto => ({ code, name, parent: null, level: 4, family: 'event', hasChildren: false });

describe('type code picker', () => {
  it('starts a kind’s tree at the group of each prefix', () => {
    expect(rootCodeOf('42E')).toBe('42E00');
    expect(rootCodeOf('43')).toBe('43000');
    expect(rootCodeOf('4')).toBe('40000');
  });

  it('keeps only search hits under the kind’s prefixes, without the group codes themselves', () => {
    const hits = [node('42E00'), node('42E15', '路桥抢修队'), node('42A01'), node('11A01')];
    expect(filterHits(hits, ['42E']).map((c) => c.code)).toEqual(['42E15']);
    expect(hasPrefix('31A02', ['31', '32'])).toBe(true);
    expect(codeLabel(hits[1]!)).toBe('42E15 路桥抢修队');
  });
});
