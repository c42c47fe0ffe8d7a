import { DEVICE_STATUS_ZH, DeviceInput, type DeviceStatus } from '@vigil/shared';
import type { ImportRowError } from '../../platform/db/schema.js';
import { checkLocation } from './device-rules.js';
import type { SheetRow } from './device-import.file.js';

/** The columns of the device import sheet (Chinese headers; * = required in the template). */
export const DEVICE_COLUMNS = [
  { key: 'code', header: '设备编码', required: true, example: 'QZ-LEL-9001', note: '唯一；设备接入的用户名，只能包含字母、数字和 _ . -' },
  { key: 'name', header: '设备名称', required: true, example: '某石化公司罐区可燃气体探测器1号', note: '' },
  { key: 'typeCode', header: '设备类型编码', required: true, example: 'combustible_gas_detector', note: '见“设备类型”工作表' },
  { key: 'vendor', header: '厂商', required: false, example: '示例传感器厂', note: '' },
  { key: 'model', header: '型号', required: false, example: 'GT-100', note: '' },
  { key: 'orgCode', header: '所属单位编码', required: false, example: '', note: '留空为导入人所在单位' },
  { key: 'enterpriseCode', header: '企业外部编码', required: false, example: '', note: '危险源（企业）登记的外部编码，可留空' },
  { key: 'site', header: '安装场所', required: false, example: '罐区东侧', note: '' },
  { key: 'address', header: '地址', required: false, example: '泉州市泉港区南山片区', note: '' },
  { key: 'lng', header: '经度', required: true, example: '118.9150', note: '十进制度' },
  { key: 'lat', header: '纬度', required: true, example: '25.1210', note: '十进制度' },
  { key: 'crs', header: '坐标系', required: false, example: 'WGS84', note: 'WGS84（默认）或 GCJ02' },
  { key: 'installDate', header: '安装日期', required: false, example: '2024-05-01', note: 'YYYY-MM-DD' },
  { key: 'status', header: '状态', required: false, example: '运行', note: '运行、维护、停用、报废（默认运行）' },
] as const;

export type ColumnKey = (typeof DEVICE_COLUMNS)[number]['key'];
export type HeaderMap = Partial<Record<ColumnKey, number>>;

/** A row that passed the field checks; references (type, org, enterprise, code) are checked against the database next. */
export interface ParsedDevice {
  row: number;
  input: DeviceInput;
  orgCode: string | null;
  enterpriseCode: string | null;
}

/** Column positions by header; a missing required column fails the whole file. */
export function mapHeader(header: readonly string[]): { map: HeaderMap } | { failure: string } {
  const map: HeaderMap = {};
  for (const c of DEVICE_COLUMNS) {
    const i = header.indexOf(c.header);
    if (i >= 0) map[c.key] = i;
  }
  const missing = DEVICE_COLUMNS.filter((c) => c.required && map[c.key] === undefined).map((c) => c.header);
  if (missing.length > 0) return { failure: `缺少必填列：${missing.join('、')}（请使用下载的模板）` };
  return { map };
}

const STATUS_BY_TEXT: Record<string, DeviceStatus> = Object.fromEntries(
  Object.entries(DEVICE_STATUS_ZH).flatMap(([k, zh]) => [
    [k, k as DeviceStatus],
    [zh, k as DeviceStatus],
  ]),
);

const headerOf = (key: string) => DEVICE_COLUMNS.find((c) => c.key === key)?.header ?? null;

/** Validates one row's fields; every problem is reported with its column. */
export function parseDeviceRow(r: SheetRow, map: HeaderMap): { value: ParsedDevice } | { errors: ImportRowError[] } {
  const cell = (k: ColumnKey) => {
    const i = map[k];
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };
  const errors: ImportRowError[] = [];
  const err = (key: string, reason: string) => errors.push({ row: r.row, column: headerOf(key), reason });
  const num = (k: 'lng' | 'lat') => {
    const t = cell(k);
    const n = Number(t);
    if (t === '' || !Number.isFinite(n)) err(k, t === '' ? '必填' : '应为数字');
    return n;
  };
  const lng = num('lng');
  const lat = num('lat');
  const crsText = cell('crs')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  const crs = crsText === '' || crsText === 'WGS84' ? 'wgs84' : crsText === 'GCJ02' ? 'gcj02' : null;
  if (!crs) err('crs', '坐标系应为 WGS84 或 GCJ02');
  const statusText = cell('status');
  const status = statusText === '' ? 'active' : STATUS_BY_TEXT[statusText];
  if (!status) err('status', '状态应为 运行、维护、停用 或 报废');
  if (errors.length === 0) {
    const loc = checkLocation({ lng, lat, crs: crs! });
    if ('error' in loc) err(loc.error.field.endsWith('lat') ? 'lat' : 'lng', loc.error.message);
  }
  const opt = (k: ColumnKey) => cell(k) || null;
  const candidate = {
    code: cell('code'),
    name: cell('name'),
    typeCode: cell('typeCode'),
    vendor: opt('vendor'),
    model: opt('model'),
    site: opt('site'),
    address: opt('address'),
    location: { lng, lat, crs: crs ?? 'wgs84' },
    installDate: opt('installDate'),
    status: status ?? 'active',
  };
  const parsed = DeviceInput.safeParse(candidate);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (key === 'location' || key === 'status') continue;
      err(key, cell(key as ColumnKey) === '' && ['code', 'name', 'typeCode'].includes(key) ? '必填' : issue.message);
    }
  if (errors.length > 0) return { errors };
  return { value: { row: r.row, input: parsed.data!, orgCode: opt('orgCode'), enterpriseCode: opt('enterpriseCode') } };
}
