import { describe, expect, it } from 'vitest';
import { attrText } from './attr-format';

describe('resource attributes in the map drawer', () => {
  it('shows lists, equipment and enums readably', () => {
    expect(attrText('capabilities', ['11B01', '11A01'])).toBe('11B01、11A01');
    expect(
      attrText('equipment', [
        { name: '冲锋舟', quantity: 4 },
        { name: '排涝泵', quantity: 2 },
      ]),
    ).toBe('冲锋舟 ×4、排涝泵 ×2');
    expect(attrText('level', 'provincial')).toBe('省级');
    expect(attrText('level', 'provincial', 'en')).toBe('provincial');
    expect(attrText('equipmentType', 'drone')).toBe('无人机');
    expect(attrText('majorLevel', '2')).toBe('二级');
  });

  it('shows booleans, numbers and blanks', () => {
    expect(attrText('indoor', true)).toBe('是');
    expect(attrText('indoor', false, 'en')).toBe('No');
    expect(attrText('capacity', 12000)).toBe('12,000');
    expect(attrText('title', '')).toBe('—');
    expect(attrText('facilities', [])).toBe('—');
    expect(attrText('majorLevel', null)).toBe('—');
  });
});
