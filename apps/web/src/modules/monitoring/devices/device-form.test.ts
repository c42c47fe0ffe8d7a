import type { DeviceDto, PointDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { bandOf, credentialsCsv, toDeviceInput, toDevicePatch, toDeviceValues, toPointPatch } from './device-form';

const device = {
  id: 'd1',
  code: 'QZ-TK-001',
  typeCode: 'tank_monitor',
  name: '一号罐',
  vendor: null,
  model: null,
  orgId: 'o1',
  site: '罐区',
  address: null,
  location: { lng: 118.9, lat: 25.1 },
  installDate: '2024-01-02',
  status: 'active',
  version: 3,
} as unknown as DeviceDto;

const point: PointDto = {
  id: 'p1',
  ref: 1,
  metric: 'tank_level',
  name: '储罐液位',
  unit: 'm',
  valueKind: 'number',
  rangeMin: 0,
  rangeMax: 20,
  intervalS: 10,
  h: 16,
  hh: 18,
  l: 1,
  ll: 0.5,
  enabled: true,
};

describe('device form', () => {
  it('builds a new device body with blanks as null', () => {
    const body = toDeviceInput({ ...toDeviceValues(device), code: ' QZ-NEW ', vendor: '  ', orgId: undefined });
    expect(body).toMatchObject({ code: 'QZ-NEW', vendor: null, site: '罐区', location: { lng: 118.9, lat: 25.1, crs: 'wgs84' } });
    expect(body).not.toHaveProperty('orgId');
  });

  it('sends only what changed, with the version', () => {
    expect(toDevicePatch(toDeviceValues(device), device)).toEqual({ version: 3 });
    const patch = toDevicePatch({ ...toDeviceValues(device), name: '二号罐', location: { lng: 118.91, lat: 25.1, crs: 'wgs84' } }, device);
    expect(patch).toEqual({ version: 3, name: '二号罐', location: { lng: 118.91, lat: 25.1, crs: 'wgs84' } });
  });

  it('a point edit clears an emptied threshold and carries the device version', () => {
    expect(toPointPatch({ ...point, l: null, h: 15 }, point, 7)).toEqual({ version: 7, l: null, h: 15 });
  });

  it('finds the band of a value', () => {
    expect(bandOf(18.2, point)).toBe('hh');
    expect(bandOf(16, point)).toBe('h');
    expect(bandOf(10, point)).toBeNull();
    expect(bandOf(0.8, point)).toBe('l');
    expect(bandOf(0.2, point)).toBe('ll');
    expect(bandOf(null, point)).toBeNull();
  });

  it('writes the secrets as CSV with quoting', () => {
    expect(credentialsCsv([{ code: 'A', name: '罐,1', secret: 's' }])).toBe('\ufeff设备编码,设备名称,设备密钥\r\nA,"罐,1",s\r\n');
  });
});
