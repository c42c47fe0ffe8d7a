import { normalizeMobile } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { clip, maskAddress } from './addresses.js';

describe('addresses', () => {
  it('masks phones, e-mail addresses and webhook URLs', () => {
    expect(maskAddress('sms', '13905951234')).toBe('139****1234');
    expect(maskAddress('email', 'zhang.san@qz.gov.cn')).toBe('z***@qz.gov.cn');
    expect(maskAddress('webhook', 'https://hooks.example.cn:8443/vigil?token=abc')).toBe('https://hooks.example.cn:8443/…');
    expect(maskAddress('webhook', 'not a url')).toBe('****');
  });

  it('accepts mainland mobile numbers written with spaces, dashes or +86, and refuses landlines', () => {
    expect(normalizeMobile('+86 139-0595-1234')).toBe('13905951234');
    expect(normalizeMobile('13905951234')).toBe('13905951234');
    expect(normalizeMobile('0595-22881234')).toBeNull();
    expect(normalizeMobile('12905951234')).toBeNull();
  });

  it('clips long text with an ellipsis', () => {
    expect(clip('台风橙色预警', 10)).toBe('台风橙色预警');
    expect(clip('一二三四五六', 4)).toBe('一二三…');
  });
});
