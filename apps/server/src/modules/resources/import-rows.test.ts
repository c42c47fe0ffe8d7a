import { describe, expect, it } from 'vitest';
import { isoDate, mapHeader, parseResourceRows, parseStockRows } from './import-rows.js';

const CODES = new Set(['42E16', '11B01', '43C06', '43C05']);
const TEAM = ['外部编码', '名称', '类型代码', '状态', '经度', '纬度', '队伍级别', '人数'];
const teamRow = (row: number, cells: string[]) => ({ row, cells });

describe('header', () => {
  it('maps the Chinese headers; the export-only columns are accepted and ignored', () => {
    const r = mapHeader('team', [...TEAM, '所属单位', '更新时间', '所属单位编码']);
    expect('map' in r && r.map.index.get('attrs.headcount')).toBe(7);
    expect('map' in r && r.map.orgCode).toBe(10);
  });

  it('fails on missing required, unknown and repeated columns', () => {
    const r = mapHeader('team', ['外部编码', '名称', '名称', '颜色']);
    expect(r).toEqual({
      failure: '缺少必填列：状态、经度、纬度、队伍级别、人数；无法识别的列：颜色；列重复：名称。请使用下载的模板（第 1 行为表头）',
    });
  });
});

describe('resource rows', () => {
  const map = (mapHeader('team', TEAM) as { map: Parameters<typeof parseResourceRows>[2] }).map;

  it('reads a valid row through the shared rules (labels → codes, GCJ-02 default off)', () => {
    const r = parseResourceRows(
      'team',
      [teamRow(2, ['T1', '某队', '42e16', '待命', '118.6', '24.9', '市级', '30'])],
      map,
      CODES,
      new Map(),
    );
    expect(r.errors).toEqual([]);
    expect(r.parsed[0]!.value).toMatchObject({
      externalCode: 'T1',
      typeCode: '42E16',
      status: 'available',
      attrs: { level: 'city', headcount: 30 },
    });
  });

  it('reports the problems of a row by column, once per column', () => {
    const r = parseResourceRows('team', [teamRow(5, ['T2', '', '42E16', '出差', '118.6', '24.9', '省市级', '3.5'])], map, CODES, new Map());
    expect(r.parsed).toEqual([]);
    expect(r.errors.map((e) => e.column)).toEqual(['名称', '状态', '队伍级别', '人数']);
    expect(r.errors.find((e) => e.column === '名称')!.reason).toBe('必填');
    expect(r.errors.every((e) => e.row === 5)).toBe(true);
  });

  it('checks type codes and swapped coordinates once the cells are readable', () => {
    const r = parseResourceRows(
      'team',
      [teamRow(6, ['T3', '某队', '22A01', '待命', '24.9', '118.6', '市级', '30'])],
      map,
      CODES,
      new Map(),
    );
    expect(r.errors.map((e) => [e.column, e.reason])).toEqual([
      ['类型代码', '类型代码应以 42E 开头'],
      ['纬度', '坐标不在中国境内，经纬度可能填反了'],
    ]);
  });

  it('reports a repeated external code on the later row, across slices', () => {
    const seen = new Map<string, number>();
    parseResourceRows('team', [teamRow(2, ['T1', '某队', '42E16', '待命', '118.6', '24.9', '市级', '30'])], map, CODES, seen);
    const r = parseResourceRows('team', [teamRow(900, ['T1', '某队', '42E16', '待命', '118.6', '24.9', '市级', '30'])], map, CODES, seen);
    expect(r.errors).toEqual([{ row: 900, column: '外部编码', reason: '外部编码 T1 与第 2 行重复' }]);
  });
});

describe('stock rows', () => {
  const header = ['储备库外部编码', '物资外部编码', '物资类别代码', '物资名称', '单位', '数量', '生产日期', '有效期至'];
  const map = (mapHeader('stock', header) as { map: Parameters<typeof parseStockRows>[1] }).map;

  it('refuses negative quantities, expiry before production and unknown material codes', () => {
    const r = parseStockRows(
      [
        { row: 2, cells: ['W1', 'S1', '43C06', '帐篷', '顶', '-5', '', ''] },
        { row: 3, cells: ['W1', 'S2', '43C05', '水', '箱', '10', '2026/6/1', '2026/5/1'] },
        { row: 4, cells: ['W1', 'S3', '43Z99', '水', '箱', '10', '', ''] },
      ],
      map,
      CODES,
      new Map(),
    );
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '数量'],
      [3, '有效期至'],
      [4, '物资类别代码'],
    ]);
  });

  it('accepts slash dates typed into a CSV', () => {
    expect(isoDate('2026/6/1')).toBe('2026-06-01');
    const r = parseStockRows([{ row: 2, cells: ['W1', 'S1', '43C06', '帐篷', '顶', '5', '2026/6/1', '2027.6.1'] }], map, CODES, new Map());
    expect(r.parsed[0]).toMatchObject({ producedOn: '2026-06-01', expiresOn: '2027-06-01', quantity: 5, minQuantity: 0 });
  });
});
