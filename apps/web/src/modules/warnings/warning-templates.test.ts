import { describe, expect, it } from 'vitest';
import { applyTemplate, templatesFor, zhTime, WARNING_TEMPLATES } from './warning-templates';

const TYPHOON = { nameZh: '台风', nameEn: 'Typhoon' };

describe('wording templates', () => {
  it('offers the templates written for the type first, then the general ones; none without a type', () => {
    expect(templatesFor('11B01').map((t) => t.id)).toEqual(['typhoon', 'issue', 'upgrade']);
    expect(templatesFor('11D00').map((t) => t.id)).toEqual(['geological', 'issue', 'upgrade']);
    expect(templatesFor('11B06').map((t) => t.id)).toEqual(['issue', 'upgrade']);
    expect(templatesFor(undefined)).toEqual([]);
  });

  it('fills headline and description for the type, colour, org and Beijing time', () => {
    const tpl = WARNING_TEMPLATES.find((t) => t.id === 'issue')!;
    const r = applyTemplate(tpl, { type: TYPHOON, colour: 'orange', org: '泉州市应急管理局', now: new Date('2026-06-01T00:30:00Z') });
    expect(r.headline).toBe('泉州市应急管理局发布台风橙色预警[Ⅱ级/严重]');
    expect(r.description.startsWith('泉州市应急管理局6月1日8时30分发布台风橙色预警')).toBe(true);
    expect(r.en.headline).toBe('泉州市应急管理局 issues orange typhoon warning');
    expect(r.en.description).toContain('2026-06-01 08:30 (UTC+8)');
  });

  it('leaves no placeholder unfilled in any template and colour', () => {
    for (const tpl of WARNING_TEMPLATES)
      for (const colour of ['blue', 'yellow', 'orange', 'red'] as const) {
        const r = applyTemplate(tpl, { type: TYPHOON, colour, org: '某局', now: new Date() });
        expect([r.headline, r.description, r.en.headline, r.en.description].join('|')).not.toMatch(/[{}]/);
      }
  });

  it('writes whole hours without minutes', () => {
    expect(zhTime(new Date('2026-06-01T09:00:00Z'))).toBe('6月1日17时');
    expect(zhTime(new Date('2026-12-31T16:05:00Z'))).toBe('1月1日0时5分');
  });
});
