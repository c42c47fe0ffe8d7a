import { describe, expect, it } from 'vitest';
import { DefaultPointInput, DeviceInput, DeviceTypeInput, pointLimitErrors, type PointLimits } from './monitoring.js';

const num = (p: Partial<PointLimits>): PointLimits => ({ valueKind: 'number', ...p });

describe('point limits: LL < L < H < HH inside the range', () => {
  it.each([
    [num({ ll: 1, l: 2, h: 8, hh: 9, rangeMin: 0, rangeMax: 10 }), []],
    [num({ h: 5 }), []],
    [num({}), []],
    [num({ l: 3, hh: 9 }), []],
    [num({ h: 9, hh: 8 }), [{ field: 'hh', message: '高高报(HH)应大于高报(H)' }]],
    [num({ h: 8, hh: 8 }), [{ field: 'hh', message: '高高报(HH)应大于高报(H)' }]],
    [num({ ll: 3, l: 2 }), [{ field: 'l', message: '低报(L)应大于低低报(LL)' }]],
    [num({ l: 6, h: 5 }), [{ field: 'h', message: '高报(H)应大于低报(L)' }]],
    // Unset levels are skipped: LL is compared with H when L is not set.
    [num({ ll: 6, h: 5 }), [{ field: 'h', message: '高报(H)应大于低低报(LL)' }]],
    [num({ rangeMin: 10, rangeMax: 10 }), [{ field: 'rangeMax', message: '量程上限应大于下限' }]],
    [num({ rangeMin: 0, rangeMax: 20, hh: 25 }), [{ field: 'hh', message: '高高报(HH)不能高于量程上限 20' }]],
    [num({ rangeMin: 0, rangeMax: 20, ll: -1 }), [{ field: 'll', message: '低低报(LL)不能低于量程下限 0' }]],
    [{ valueKind: 'boolean', h: 1 } as PointLimits, [{ field: 'h', message: '开关量测点不设量程和阈值' }]],
    [{ valueKind: 'boolean' } as PointLimits, []],
  ])('%j', (p, errors) => {
    expect(pointLimitErrors(p)).toEqual(errors);
  });

  it('is enforced by the default point schema with the field path', () => {
    const r = DefaultPointInput.safeParse({ metric: 'lel', nameZh: '可燃气体', nameEn: 'LEL', h: 50, hh: 25 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['hh', '高高报(HH)应大于高报(H)']]);
  });
});

describe('device type and device contracts', () => {
  it('refuses a metric twice in one type', () => {
    const point = { metric: 'lel', nameZh: '浓度', nameEn: 'LEL' };
    const r = DeviceTypeInput.safeParse({ code: 'x_type', category: 'hazchem', nameZh: 'x', nameEn: 'x', points: [point, point] });
    expect(r.error!.issues[0]).toMatchObject({ path: ['points', 1, 'metric'], message: '指标编码 lel 重复' });
  });

  it('keeps device codes usable as MQTT user names and topic levels', () => {
    const base = { typeCode: 'rain_gauge', name: 'x', location: { lng: 118.6, lat: 24.9 } };
    expect(DeviceInput.safeParse({ ...base, code: 'QZ-RG-001' }).success).toBe(true);
    for (const code of ['a/b', 'a+b', 'a#', '-lead', ''])
      expect(DeviceInput.safeParse({ ...base, code }).error!.issues[0]!.path, code).toEqual(['code']);
  });
});
