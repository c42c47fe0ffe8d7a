import { RESOURCE_ATTRS, RESOURCE_KINDS, ResourceInput, ResourcePatch, type ResourceDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-error';
import { KIND_SPECS } from './kinds';
import {
  emptyFormValues,
  isStale,
  maskedContactMissing,
  resourceFieldErrors,
  toFormValues,
  toResourceInput,
  toResourcePatch,
  type ResourceFormValues,
} from './resource-form';

const base: Omit<ResourceFormValues, 'attrs'> = {
  externalCode: ' QZ-TEAM-001 ',
  name: ' 泉州市消防救援支队特勤大队 ',
  typeCode: '42e12',
  status: 'available',
  address: '  ',
  phone: '0595-22222222',
  location: { lng: 118.6, lat: 24.9, crs: 'gcj02' },
};

const dto = (over: Partial<ResourceDto>): ResourceDto => ({
  id: '0190f1a2-0000-7000-8000-000000000001',
  kind: 'team',
  externalCode: 'QZ-TEAM-001',
  name: '特勤大队',
  typeCode: '42E12',
  typeName: '专业森林消防队',
  status: 'available',
  orgId: '0190f1a2-0000-7000-8000-0000000000aa',
  orgName: '泉州市应急管理局',
  divisionCode: '350502',
  address: null,
  phone: null,
  location: { lng: 118.58, lat: 24.91 },
  area: null,
  attrs: {},
  contact: null,
  source: 'manual',
  version: 3,
  archivedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
  abilities: { edit: true, archive: true },
  ...over,
});

describe('resource form → API', () => {
  it('builds a team the contract accepts: trimmed text, codes upper-cased once, empty equipment rows dropped', () => {
    const input = toResourceInput(KIND_SPECS.team, {
      ...base,
      attrs: {
        level: 'city',
        headcount: 45,
        leader: '  ',
        capabilities: ['11a01', '11A01', ' 12b01 '],
        equipment: [{ name: ' 冲锋舟 ', quantity: 2 }, { name: '', quantity: 3 }, { name: '救生衣' }],
      },
    });
    expect(input).toMatchObject({
      externalCode: 'QZ-TEAM-001',
      name: '泉州市消防救援支队特勤大队',
      typeCode: '42e12',
      address: null,
      phone: '0595-22222222',
      location: { lng: 118.6, lat: 24.9, crs: 'gcj02' },
    });
    expect(input.attrs).toEqual({
      level: 'city',
      headcount: 45,
      capabilities: ['11A01', '12B01'],
      equipment: [
        { name: '冲锋舟', quantity: 2 },
        { name: '救生衣', quantity: 0 },
      ],
    });
    expect(ResourceInput.safeParse(input).success).toBe(true);
    expect(RESOURCE_ATTRS.team.safeParse(input.attrs).success).toBe(true);
  });

  it('sends shelters with indoor=false when the switch was never touched, and a hazard without major level as null', () => {
    const shelter = toResourceInput(KIND_SPECS.shelter, { ...base, attrs: { shelterClass: 'II', capacity: 800, occupancy: 120 } });
    expect(shelter.attrs).toEqual({ shelterClass: 'II', indoor: false, capacity: 800, occupancy: 120, facilities: [] });
    expect(RESOURCE_ATTRS.shelter.safeParse(shelter.attrs).success).toBe(true);
    const hazard = toResourceInput(KIND_SPECS.hazard, {
      ...base,
      attrs: { enterprise: '泉港石化', majorLevel: undefined, chemicals: [' 苯 ', '苯'] },
    });
    expect(hazard.attrs).toEqual({ enterprise: '泉港石化', majorLevel: null, chemicals: ['苯'] });
    expect(RESOURCE_ATTRS.hazard.safeParse(hazard.attrs).success).toBe(true);
  });

  it('gives every kind an empty form whose default status is one the kind allows', () => {
    for (const kind of RESOURCE_KINDS) {
      const v = emptyFormValues(KIND_SPECS[kind]);
      expect(v.status, kind).toBe(KIND_SPECS[kind].defaultStatus);
      expect(v.location).toBeNull();
    }
  });

  it('never sends an expert’s duty phone, and sends the sealed contact only when typed', () => {
    const typed = toResourceInput(KIND_SPECS.expert, {
      ...base,
      attrs: { employer: '华侨大学' },
      contact: { phone: '13800001111', idNumber: '' },
    });
    expect(typed.phone).toBeUndefined();
    expect(typed.contact).toEqual({ phone: '13800001111' });
    const none = toResourceInput(KIND_SPECS.expert, { ...base, attrs: {}, contact: {} });
    expect(none.contact).toBeUndefined();
  });
});

describe('editing', () => {
  it('carries the version and leaves a masked contact alone unless something new is typed', () => {
    const expert = dto({
      kind: 'expert',
      contact: { phone: '138****1111', idNumber: '3505**********1234', masked: true },
      attrs: { employer: '华侨大学' },
    });
    const form = toFormValues(KIND_SPECS.expert, expert);
    expect(form.contact).toEqual({ phone: null, idNumber: null });
    const patch = toResourcePatch(KIND_SPECS.expert, form, expert);
    expect(patch.version).toBe(3);
    expect(patch.contact).toBeUndefined();
    expect(ResourcePatch.safeParse(patch).success).toBe(true);
    const retyped = toResourcePatch(KIND_SPECS.expert, { ...form, contact: { phone: '13900002222', idNumber: null } }, expert);
    expect(retyped.contact).toEqual({ phone: '13900002222' });
  });

  it('asks for both numbers when a masked contact is replaced, so the hidden one is not silently cleared', () => {
    const expert = dto({ kind: 'expert', contact: { phone: '138****1111', idNumber: '3505**********1234', masked: true } });
    const form = toFormValues(KIND_SPECS.expert, expert);
    expect(maskedContactMissing(expert, form)).toBeNull();
    expect(maskedContactMissing(expert, { ...form, contact: { phone: '13900002222' } })).toBe('idNumber');
    expect(maskedContactMissing(expert, { ...form, contact: { idNumber: '350502199001011234' } })).toBe('phone');
    const noId = dto({ kind: 'expert', contact: { phone: '138****1111', idNumber: null, masked: true } });
    expect(maskedContactMissing(noId, { ...form, contact: { phone: '13900002222' } })).toBeNull();
    expect(
      maskedContactMissing(dto({ kind: 'expert', contact: { phone: '13800001111', idNumber: null, masked: false } }), form),
    ).toBeNull();
  });

  it('lets a user who sees the contact clear it', () => {
    const expert = dto({ kind: 'expert', contact: { phone: '13800001111', idNumber: null, masked: false } });
    const form = toFormValues(KIND_SPECS.expert, expert);
    expect(form.contact).toEqual({ phone: '13800001111', idNumber: null });
    expect(toResourcePatch(KIND_SPECS.expert, { ...form, contact: { phone: '' } }, expert).contact).toEqual({
      phone: null,
      idNumber: null,
    });
  });

  it('fills the form with the record in WGS84 and the kind’s attributes only', () => {
    const team = dto({ attrs: { level: 'county', headcount: 12, unknownKey: 'x' } });
    const v = toFormValues(KIND_SPECS.team, team);
    expect(v.location).toEqual({ lng: 118.58, lat: 24.91, crs: 'wgs84' });
    expect(v.attrs).toEqual({ level: 'county', headcount: 12, leader: null, capabilities: [], equipment: [] });
  });
});

describe('server field errors', () => {
  it('lands each error on its field: location, kind attributes (prefixed or bare), equipment rows and the sealed contact', () => {
    const err = new ApiError(400, 'VALIDATION', 't', 'd', [
      { field: 'location.lat', message: '坐标不在中国境内' },
      { field: 'externalCode', message: '外部编码已存在' },
      { field: 'attrs.headcount', message: '不能小于 0' },
      { field: 'level', message: '无效的级别' },
      { field: 'attrs.equipment.1.name', message: '必填' },
      { field: 'contact.phone', message: '电话号码格式不正确' },
      { field: 'attrs.bogus', message: 'x' },
      { field: 'version', message: 'x' },
    ]);
    expect(resourceFieldErrors(KIND_SPECS.team, err)).toEqual([
      { name: ['location'], errors: ['坐标不在中国境内'] },
      { name: ['externalCode'], errors: ['外部编码已存在'] },
      { name: ['attrs', 'headcount'], errors: ['不能小于 0'] },
      { name: ['attrs', 'level'], errors: ['无效的级别'] },
      { name: ['attrs', 'equipment', 1, 'name'], errors: ['必填'] },
      { name: ['contact', 'phone'], errors: ['电话号码格式不正确'] },
    ]);
  });

  it('recognises a stale version (409 naming the version), not other conflicts, and ignores non-API errors', () => {
    const stale = new ApiError(409, 'CONFLICT', 't', '记录已被他人修改，请刷新后重试', [{ field: 'version', message: '当前版本为 4' }]);
    expect(isStale(stale)).toBe(true);
    const duplicate = new ApiError(409, 'CONFLICT', 't', '外部编码 X 已存在', [{ field: 'externalCode', message: '外部编码已被使用' }]);
    expect(isStale(duplicate)).toBe(false);
    expect(resourceFieldErrors(KIND_SPECS.team, duplicate)).toEqual([{ name: ['externalCode'], errors: ['外部编码已被使用'] }]);
    expect(isStale(new ApiError(409, 'CONFLICT', 't', '已归档的资源不能修改，请先恢复'))).toBe(false);
    expect(isStale(new ApiError(400, 'VALIDATION', 't', 'd'))).toBe(false);
    expect(resourceFieldErrors(KIND_SPECS.team, new Error('boom'))).toEqual([]);
  });
});
