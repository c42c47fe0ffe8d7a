import { describe, expect, it } from 'vitest';
import { liveGrade, standardValues, toInstallationInput } from './installation-grade';

describe('live grading in the installation form', () => {
  it('prefills Q and β from the standard by name, alias, CAS or category', () => {
    expect(standardValues({ name: '液氨' })).toEqual({ criticalQ: 10, beta: 2, category: 'J3' });
    expect(standardValues({ name: '随便', cas: '7782-50-5' })).toEqual({ criticalQ: 5, beta: 4, category: 'J1' });
    expect(standardValues({ name: '某易燃液体', category: 'W5.1' })).toEqual({ criticalQ: 10, beta: 1.5, category: 'W5.1' });
    expect(standardValues({ name: '液氨', criticalQ: 12, beta: 3 })).toMatchObject({ criticalQ: 12, beta: 3 });
    expect(standardValues({ name: '未知物质' })).toEqual({ criticalQ: null, beta: null, category: null });
  });

  it('computes S, R and the grade once every row is complete', () => {
    expect(liveGrade([{ name: '液氨', q: 200 }], 120)).toMatchObject({ s: 20, r: 80, grade: 2, alpha: 2, major: true });
    expect(liveGrade([{ name: '液氨', q: 5 }], 120)).toMatchObject({ s: 0.5, grade: null, major: false });
    expect(liveGrade([{ name: '液氨' }], 120)).toBeNull();
    expect(liveGrade([{ name: '未知物质', q: 3 }], 0)).toBeNull();
    expect(liveGrade([], 0)).toBeNull();
  });

  it('sends Q and β only when typed (the server prefills the rest)', () => {
    const body = toInstallationInput({
      code: ' MHI-1 ',
      name: '罐区',
      location: { lng: 118.9, lat: 25.1, crs: 'wgs84' },
      people500m: 10,
      substances: [
        { name: '液氨', q: 20 },
        { name: 'X', category: 'W2', q: 3, criticalQ: 8, beta: 1.5 },
      ],
      pointIds: [],
    });
    expect(body.code).toBe('MHI-1');
    expect(body.substances).toEqual([
      { name: '液氨', cas: null, category: null, q: 20 },
      { name: 'X', cas: null, category: 'W2', q: 3, criticalQ: 8, beta: 1.5 },
    ]);
  });
});
