import { describe, expect, it } from 'vitest';
import { csvRecords } from './device-import.file.js';
import { mapHeader, parseDeviceRow } from './device-import.rows.js';

const header = ['设备编码', '设备名称', '设备类型编码', '经度', '纬度', '坐标系', '状态', '安装日期'];
const map = (mapHeader(header) as { map: Record<string, number> }).map;

describe('device import rows', () => {
  it('needs the required columns', () => {
    expect(mapHeader(['设备编码', '设备名称'])).toEqual({ failure: '缺少必填列：设备类型编码、经度、纬度（请使用下载的模板）' });
  });

  it('parses a row, converting GCJ-02 and Chinese statuses', () => {
    const r = parseDeviceRow({ row: 2, cells: ['QZ-1', '雨量站', 'rain_gauge', '118.6', '24.9', 'GCJ-02', '维护', '2024-01-02'] }, map);
    expect(r).toMatchObject({
      value: { row: 2, input: { code: 'QZ-1', typeCode: 'rain_gauge', status: 'maintenance', installDate: '2024-01-02' } },
    });
    const loc = (r as { value: { input: { location: { lng: number; crs: string } } } }).value.input.location;
    expect(loc.crs).toBe('gcj02');
  });

  it('reports every bad cell with its column', () => {
    const r = parseDeviceRow({ row: 5, cells: ['a/b', '', 'rain_gauge', 'east', '24.9', 'BD09', '坏了', ''] }, map);
    expect(r).toEqual({
      errors: [
        { row: 5, column: '经度', reason: '应为数字' },
        { row: 5, column: '坐标系', reason: '坐标系应为 WGS84 或 GCJ02' },
        { row: 5, column: '状态', reason: '状态应为 运行、维护、停用 或 报废' },
        { row: 5, column: '设备编码', reason: '设备编码只能包含字母、数字和 _ . -，以字母或数字开头' },
        { row: 5, column: '设备名称', reason: '必填' },
      ],
    });
  });

  it('reads quoted CSV fields with commas and line breaks', () => {
    expect(csvRecords('a,"b,c"\r\n"x\ny",z\n')).toEqual([
      { row: 1, cells: ['a', 'b,c'] },
      { row: 2, cells: ['x\ny', 'z'] },
    ]);
  });
});
