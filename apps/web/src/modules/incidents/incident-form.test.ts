import type { IncidentDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-error';
import { incidentFieldErrors, toCreateInput, toFormValues, toUpdateInput, type IncidentFormValues } from './incident-form';

const wall = (s: string) => ({ format: () => s });

const values: IncidentFormValues = {
  title: ' 晋江市某鞋厂火灾 ',
  eventType: '12B01',
  occurredAt: wall('2026-06-01 08:05:00'),
  receivedAt: null,
  source: 'phone',
  reporterName: '  ',
  reporterPhone: '13800001111',
  location: { lng: 118.55, lat: 24.78, crs: 'gcj02' },
  address: '',
  description: '厂房起火',
  dead: 2,
  missing: null,
  seriouslyInjured: 0,
};

describe('incident form', () => {
  it('sends Beijing times with the offset and leaves empty fields out', () => {
    expect(toCreateInput(values)).toEqual({
      title: '晋江市某鞋厂火灾',
      eventType: '12B01',
      occurredAt: '2026-06-01T08:05:00+08:00',
      source: 'phone',
      location: { lng: 118.55, lat: 24.78, crs: 'gcj02' },
      reporterPhone: '13800001111',
      description: '厂房起火',
      dead: 2,
      seriouslyInjured: 0,
    });
  });

  it('clears fields on edit, keeps the version, and never sends back a masked phone', () => {
    const out = toUpdateInput({ ...values, location: null, reporterPhone: '138****1111' }, 7);
    expect(out).toMatchObject({ version: 7, location: null, address: null, reporterName: null, dead: 2 });
    expect(out.reporterPhone).toBeUndefined();
  });

  it('fills the edit form in Beijing time', () => {
    const seen: string[] = [];
    const i = {
      title: 't',
      eventType: '12B01',
      occurredAt: '2026-06-01T00:05:00.000Z',
      receivedAt: '2026-06-01T00:10:00.000Z',
      source: 'phone',
      reporterName: null,
      reporterPhone: '138****1111',
      reporterPhoneMasked: true,
      location: { lng: 118.5, lat: 24.7 },
      address: null,
      description: null,
      dead: 0,
      missing: 0,
      seriouslyInjured: 0,
      lightlyInjured: 0,
      directLossYuan: 0,
      affected: 0,
      evacuated: 0,
    } as unknown as IncidentDto;
    const v = toFormValues(i, (w) => (seen.push(w), wall(w)));
    expect(seen).toEqual(['2026-06-01 08:05:00', '2026-06-01 08:10:00']);
    expect(v.reporterPhone).toBeNull();
    expect(v.location).toEqual({ lng: 118.5, lat: 24.7, crs: 'wgs84' });
  });

  it('puts the server field errors on the form fields (nested location errors on the map control)', () => {
    const err = new ApiError(400, 'VALIDATION', 't', 'd', [
      { field: 'dead', message: '不能小于 0' },
      { field: 'location.lat', message: '纬度应在 -90 到 90 之间' },
      { field: 'version', message: 'x' },
    ]);
    expect(incidentFieldErrors(err)).toEqual([
      { name: ['dead'], errors: ['不能小于 0'] },
      { name: ['location'], errors: ['纬度应在 -90 到 90 之间'] },
    ]);
  });
});
