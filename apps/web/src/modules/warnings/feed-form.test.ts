import { WarningFeedInput, type WarningFeedDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../../lib/api-error';
import { FEED_DEFAULTS, feedFieldErrors, importProblems, toFeedFormValues, toFeedInput } from './feed-form';

describe('feed form', () => {
  it('sends the interval in seconds and trimmed text the contract accepts', () => {
    const body = toFeedInput({
      name: ' 福建省预警 ',
      url: ' https://example.org/cap.atom ',
      kind: 'atom',
      intervalMinutes: 2.5,
      enabled: false,
    });
    expect(body).toEqual({ name: '福建省预警', url: 'https://example.org/cap.atom', kind: 'atom', intervalSeconds: 150, enabled: false });
    expect(WarningFeedInput.safeParse(body).success).toBe(true);
    expect(toFeedInput({ ...FEED_DEFAULTS, name: 'x', url: 'https://a.b/c' }).intervalSeconds).toBe(300);
  });

  it('shows a stored feed in minutes', () => {
    const f = { name: 'n', url: 'https://a.b', kind: 'cap', intervalSeconds: 90, enabled: true } as WarningFeedDto;
    expect(toFeedFormValues(f)).toEqual({ name: 'n', url: 'https://a.b', kind: 'cap', intervalMinutes: 1.5, enabled: true });
  });

  it('puts the interval error on the minutes field', () => {
    const err = toApiError(400, {
      errors: [
        { field: 'intervalSeconds', message: '间隔不能少于 60 秒' },
        { field: 'url', message: '订阅地址应为 http(s) URL' },
        { field: 'body', message: 'x' },
      ],
    });
    expect(feedFieldErrors(err)).toEqual([
      { name: ['intervalMinutes'], errors: ['间隔不能少于 60 秒'] },
      { name: ['url'], errors: ['订阅地址应为 http(s) URL'] },
    ]);
  });

  it('lists the per-item problems of a refused upload by their path in the document', () => {
    const err = toApiError(400, {
      detail: 'CAP 报文校验失败',
      errors: [
        { field: 'file', message: 'CAP 报文校验失败' },
        { field: 'file:/alert/info[0]/area[0]/polygon[0]', message: '边界自相交' },
      ],
    });
    expect(importProblems(err)).toEqual([
      { path: '', message: 'CAP 报文校验失败' },
      { path: '/alert/info[0]/area[0]/polygon[0]', message: '边界自相交' },
    ]);
    expect(importProblems(new Error('x'))).toEqual([]);
  });
});
