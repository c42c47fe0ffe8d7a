import { lngLat, wgs84ToGcj02 } from '@vigil/geo';
import { describe, expect, it } from 'vitest';
import { RESOURCE_COLUMNS, STOCK_COLUMNS, columnForField, draftFromCells } from './resource-columns.js';
import { checkResourceInput, maskIdNumber, maskPhone } from './resource-rules.js';

const team = (over: Record<string, unknown> = {}) => ({
  externalCode: 'T-001',
  name: '泉州市消防救援支队特勤站',
  typeCode: '42E01',
  status: 'available',
  location: { lng: 118.6759, lat: 24.8741 },
  attrs: { level: 'city', headcount: 40 },
  ...over,
});
const known = new Set(['42E01', '42A01', '11B01', '22A01']);
const fields = (r: ReturnType<typeof checkResourceInput>) => (r.errors ?? []).map((e) => e.field);

describe('checkResourceInput', () => {
  it('accepts a valid team and fills attribute defaults', () => {
    const r = checkResourceInput('team', team(), { knownCodes: known });
    expect(r.errors).toBeUndefined();
    expect(r.value).toMatchObject({ typeCode: '42E01', location: { lng: 118.6759, lat: 24.8741 }, contact: null });
    expect(r.value?.attrs).toEqual({ level: 'city', headcount: 40, capabilities: [], equipment: [] });
  });

  it('names swapped lat/lng and points outside China', () => {
    expect(checkResourceInput('team', team({ location: { lng: 24.8741, lat: 118.6759 } })).errors).toEqual([
      { field: 'location.lat', message: '坐标不在中国境内，经纬度可能填反了' },
    ]);
    expect(fields(checkResourceInput('team', team({ location: { lng: 2.35, lat: 48.85 } })))).toEqual(['location.lng']);
  });

  it('converts GCJ-02 input to WGS84', () => {
    const g = wgs84ToGcj02(lngLat(118.6759, 24.8741));
    const r = checkResourceInput('team', team({ location: { lng: g[0], lat: g[1], crs: 'gcj02' } }));
    expect(g[0]).not.toBeCloseTo(118.6759, 3);
    expect(r.value?.location.lng).toBeCloseTo(118.6759, 5);
    expect(r.value?.location.lat).toBeCloseTo(24.8741, 5);
  });

  it('refuses a status of another kind and lists the allowed ones', () => {
    const r = checkResourceInput('team', team({ status: 'open' }));
    expect(fields(r)).toEqual(['status']);
    expect(r.errors?.[0]?.message).toContain('available（待命）');
  });

  it('refuses a type code of the wrong family or unknown to the code table', () => {
    expect(checkResourceInput('team', team({ typeCode: '22A01' }), { knownCodes: known }).errors?.[0]).toMatchObject({
      field: 'typeCode',
      message: '类型代码应以 42E 开头',
    });
    expect(checkResourceInput('team', team({ typeCode: '42E99' }), { knownCodes: known }).errors?.[0]).toMatchObject({
      field: 'typeCode',
      message: '未知的类型代码 42E99',
    });
    // Without a code set only the prefix is checked.
    expect(checkResourceInput('team', team({ typeCode: '42E99' })).errors).toBeUndefined();
  });

  it('validates the kind attributes naming the attribute, including unknown ones and unknown capability codes', () => {
    expect(fields(checkResourceInput('team', team({ attrs: { level: 'city', headcount: -1 } })))).toEqual(['attrs.headcount']);
    expect(fields(checkResourceInput('team', team({ attrs: { level: 'city', headcount: 1, colour: 'red' } })))).toEqual(['attrs.colour']);
    expect(
      fields(
        checkResourceInput('team', team({ attrs: { level: 'city', headcount: 1, capabilities: ['11B01', '11B77'] } }), {
          knownCodes: known,
        }),
      ),
    ).toEqual(['attrs.capabilities']);
    const shelter = checkResourceInput('shelter', {
      ...team({ typeCode: null, status: 'open' }),
      attrs: { shelterClass: 'I', indoor: true, capacity: 10, occupancy: 11 },
    });
    expect(fields(shelter)).toEqual(['attrs.occupancy']);
  });

  it('refuses unknown top-level fields naming them', () => {
    expect(fields(checkResourceInput('team', team({ colour: 'red' })))).toEqual(['colour']);
  });

  it('keeps expert contacts and refuses contacts on other kinds', () => {
    const r = checkResourceInput('expert', {
      ...team({ typeCode: '42A01', externalCode: 'E-1' }),
      attrs: { specialties: ['11B01'] },
      contact: { phone: '13812345678', idNumber: '35050219900101123x' },
    });
    expect(r.value?.contact).toEqual({ phone: '13812345678', idNumber: '35050219900101123X' });
    expect(fields(checkResourceInput('team', team({ contact: { phone: '13812345678' } })))).toEqual(['contact']);
    expect(fields(checkResourceInput('expert', { ...team({ typeCode: null }), attrs: {}, contact: { idNumber: '123' } }))).toEqual([
      'contact.idNumber',
    ]);
  });

  it('collects every problem at once', () => {
    const r = checkResourceInput('team', team({ status: 'x', typeCode: '22A01', location: { lng: 2.35, lat: 48.85 } }));
    expect(fields(r).sort()).toEqual(['location.lng', 'status', 'typeCode']);
  });

  it('converts a shelter polygon to a MultiPolygon and refuses open rings', () => {
    const ring = [
      [118.6, 24.9],
      [118.61, 24.9],
      [118.61, 24.91],
      [118.6, 24.9],
    ];
    const base = { ...team({ typeCode: null, status: 'open' }), attrs: { shelterClass: 'I', indoor: false, capacity: 100 } };
    expect(checkResourceInput('shelter', { ...base, area: { type: 'Polygon', coordinates: [ring] } }).value?.area).toEqual({
      type: 'MultiPolygon',
      coordinates: [[ring]],
    });
    expect(
      fields(checkResourceInput('shelter', { ...base, area: { type: 'Polygon', coordinates: [[...ring.slice(0, 3), [118.0, 24.0]]] } })),
    ).toEqual(['area']);
  });
});

describe('masking', () => {
  it('masks phones and ID numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('350502199001011234')).toBe('350502********1234');
    expect(maskIdNumber('35050219900101123x')).toBe('350502********123X');
  });
});

describe('columns', () => {
  it('reads a spreadsheet row into an input that passes the rules, with Chinese labels', () => {
    const cols = RESOURCE_COLUMNS.team;
    const cells: Record<string, string> = {
      外部编码: 'T-9',
      名称: '晋江蓝天救援队',
      类型代码: '42e01',
      状态: '待命',
      经度: '118.55',
      纬度: '24.78',
      队伍级别: '志愿者',
      人数: '25',
      装备清单: '冲锋舟*2、发电机',
    };
    const { draft, errors } = draftFromCells(cols, (c) => cells[c.header]);
    expect(errors).toEqual([]);
    const r = checkResourceInput('team', draft, { knownCodes: known });
    expect(r.errors).toBeUndefined();
    expect(r.value?.status).toBe('available');
    expect(r.value?.attrs).toMatchObject({
      level: 'volunteer',
      headcount: 25,
      equipment: [
        { name: '冲锋舟', quantity: 2 },
        { name: '发电机', quantity: 1 },
      ],
    });
  });

  it('reports unreadable cells by header and maps rule errors back to columns', () => {
    const { errors } = draftFromCells(RESOURCE_COLUMNS.team, (c) => ({ 人数: '二十', 队伍级别: '乡级' })[c.header]);
    expect(errors.map((e) => e.column)).toEqual(['队伍级别', '人数']);
    expect(columnForField(RESOURCE_COLUMNS.team, 'attrs.headcount')?.header).toBe('人数');
    expect(columnForField(RESOURCE_COLUMNS.team, 'location.lat')?.header).toBe('纬度');
    expect(columnForField(RESOURCE_COLUMNS.expert, 'contact.phone')?.header).toBe('手机号');
  });

  it('starts every registry with the same key columns and keeps export-only columns last', () => {
    for (const cols of Object.values(RESOURCE_COLUMNS)) {
      expect(cols.slice(0, 4).map((c) => c.header)).toEqual(['外部编码', '名称', '类型代码', '状态']);
      const firstReadOnly = cols.findIndex((c) => !c.write);
      expect(cols.slice(firstReadOnly).every((c) => !c.write)).toBe(true);
    }
    expect(STOCK_COLUMNS[0]?.header).toBe('储备库外部编码');
  });
});
