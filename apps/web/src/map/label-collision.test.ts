import { describe, expect, it } from 'vitest';
import { placeLabels, type LabelBox } from './label-collision';

const box = (id: string, left: number, top: number, priority: number): LabelBox => ({
  id,
  left,
  top,
  right: left + 40,
  bottom: top + 20,
  priority,
});

describe('label placement', () => {
  it('keeps the larger county when two labels overlap', () => {
    const shown = placeLabels([box('licheng', 100, 100, 51), box('fengze', 120, 105, 112), box('anxi', 400, 300, 2998)]);
    expect([...shown].sort()).toEqual(['anxi', 'fengze']);
  });

  it('shows both once they are apart', () => {
    expect(placeLabels([box('licheng', 100, 100, 51), box('fengze', 160, 100, 112)]).size).toBe(2);
  });

  it('treats a gap smaller than the margin as an overlap', () => {
    expect(placeLabels([box('a', 0, 0, 2), box('b', 41, 0, 1)], 2).size).toBe(1);
    expect(placeLabels([box('a', 0, 0, 2), box('b', 43, 0, 1)], 2).size).toBe(2);
  });
});
