import { EQUIPMENT_TYPE_ZH, RESOURCE_STATUSES, TEAM_LEVEL_ZH, type ResourceDto, type ResourceKind, type StockLineDto } from '@vigil/shared';

/**
 * The spreadsheet columns of every registry and of stock, in order: the export writes them and
 * the import template and reader use the same definitions, so a file exported from Vigil can be
 * edited and imported back. `key` is the field path that `checkResourceInput` names in its
 * errors (`attrs.headcount`, `location.lat`), so an error maps back to its column. Columns
 * without `write` are informational (export only) and ignored on import.
 */

export type CellValue = string | number | boolean | null;

export interface ColumnDef<R = ResourceDto> {
  key: string;
  /** Chinese header, as in the template. */
  header: string;
  width: number;
  required?: boolean;
  /** A short hint for the template's note row (accepted values, format). */
  hint?: string;
  read: (row: R) => CellValue;
  /** Puts the cell's text into the input draft; returns a Chinese error message when it cannot be read. */
  write?: (draft: Draft, text: string) => string | null;
}

/** A nested input object being built from cells (ResourceInput / StockLineInput shaped). */
export type Draft = Record<string, unknown>;

/** Export rows of stock carry the warehouse's external code, the key imports match warehouses by. */
export type StockExportRow = StockLineDto & { warehouseCode: string | null };

const LIST_SPLIT = /[,，;；、\n]+/;

function setPath(draft: Draft, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = draft;
  for (const p of parts.slice(0, -1)) {
    if (typeof node[p] !== 'object' || node[p] === null) node[p] = {};
    node = node[p] as Draft;
  }
  node[parts[parts.length - 1]!] = value;
}

const text =
  (path: string) =>
  (d: Draft, t: string): string | null => {
    setPath(d, path, t);
    return null;
  };

const num =
  (path: string, integer = false) =>
  (d: Draft, t: string): string | null => {
    const n = Number(t.replace(/[,，\s]/g, ''));
    if (!Number.isFinite(n)) return '应为数字';
    if (integer && !Number.isInteger(n)) return '应为整数';
    setPath(d, path, n);
    return null;
  };

const list =
  (path: string, upper = false) =>
  (d: Draft, t: string): string | null => {
    const items = t
      .split(LIST_SPLIT)
      .map((s) => s.trim())
      .filter(Boolean);
    setPath(d, path, upper ? items.map((s) => s.toUpperCase()) : items);
    return null;
  };

const YES = new Set(['是', 'y', 'yes', 'true', '1', '室内']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '室外']);
const bool =
  (path: string) =>
  (d: Draft, t: string): string | null => {
    const s = t.trim().toLowerCase();
    if (YES.has(s)) setPath(d, path, true);
    else if (NO.has(s)) setPath(d, path, false);
    else return '应为“是”或“否”';
    return null;
  };

/** A column of a closed set of values, written and read by its Chinese label (the code is accepted too). */
const choice =
  (path: string, labels: Record<string, string>) =>
  (d: Draft, t: string): string | null => {
    const s = t.trim();
    const hit = Object.entries(labels).find(([k, zh]) => k === s || zh === s);
    if (!hit) return `应为：${Object.values(labels).join('、')}`;
    setPath(d, path, hit[0]);
    return null;
  };

const label = (labels: Record<string, string>, v: unknown): CellValue => (typeof v === 'string' ? (labels[v] ?? v) : null);
const joined = (v: unknown): CellValue => (Array.isArray(v) ? v.join('、') : null);
const scalar = (v: unknown): CellValue =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v == null ? null : JSON.stringify(v);
const attr = (r: ResourceDto, k: string) => r.attrs[k];

const WAREHOUSE_LEVEL_ZH = { provincial: '省级', city: '市级', county: '县级', township: '乡镇', enterprise: '企业' };
const RISK_LEVEL_ZH = { major: '重大', high: '较大', medium: '一般', low: '低' };
const MAJOR_LEVEL_ZH = { '1': '一级', '2': '二级', '3': '三级', '4': '四级' };
const SHELTER_CLASS_ZH = { I: 'Ⅰ类', II: 'Ⅱ类', III: 'Ⅲ类' };

function head(kind: ResourceKind): ColumnDef[] {
  const statuses: Record<string, string> = RESOURCE_STATUSES[kind];
  return [
    {
      key: 'externalCode',
      header: '外部编码',
      width: 18,
      required: true,
      hint: '唯一，重复导入按此更新',
      read: (r) => r.externalCode,
      write: text('externalCode'),
    },
    { key: 'name', header: '名称', width: 28, required: true, read: (r) => r.name, write: text('name') },
    { key: 'typeCode', header: '类型代码', width: 12, hint: '5 位国家代码', read: (r) => r.typeCode, write: text('typeCode') },
    {
      key: 'status',
      header: '状态',
      width: 10,
      required: true,
      hint: Object.values(statuses).join('/'),
      read: (r) => label(statuses, r.status),
      write: choice('status', statuses),
    },
    { key: 'location.lng', header: '经度', width: 12, required: true, read: (r) => r.location.lng, write: num('location.lng') },
    { key: 'location.lat', header: '纬度', width: 12, required: true, read: (r) => r.location.lat, write: num('location.lat') },
    {
      key: 'location.crs',
      header: '坐标系',
      width: 10,
      hint: 'WGS84（默认）或 GCJ02',
      read: () => 'WGS84',
      write: choice('location.crs', { wgs84: 'WGS84', gcj02: 'GCJ02' }),
    },
    { key: 'address', header: '地址', width: 30, read: (r) => r.address, write: text('address') },
    { key: 'phone', header: '值班电话', width: 16, read: (r) => r.phone, write: text('phone') },
  ];
}

const TAIL: ColumnDef[] = [
  { key: 'typeName', header: '类型名称', width: 16, read: (r) => r.typeName },
  { key: 'orgName', header: '所属单位', width: 20, read: (r) => r.orgName },
  { key: 'divisionCode', header: '所在区县代码', width: 12, read: (r) => r.divisionCode },
  { key: 'archivedAt', header: '已归档', width: 8, read: (r) => (r.archivedAt ? '是' : '否') },
  { key: 'updatedAt', header: '更新时间', width: 20, read: (r) => r.updatedAt },
];

const KIND_COLUMNS: Record<ResourceKind, ColumnDef[]> = {
  team: [
    {
      key: 'attrs.level',
      header: '队伍级别',
      width: 10,
      required: true,
      hint: Object.values(TEAM_LEVEL_ZH).join('/'),
      read: (r) => label(TEAM_LEVEL_ZH, attr(r, 'level')),
      write: choice('attrs.level', TEAM_LEVEL_ZH),
    },
    {
      key: 'attrs.headcount',
      header: '人数',
      width: 8,
      required: true,
      read: (r) => scalar(attr(r, 'headcount')),
      write: num('attrs.headcount', true),
    },
    {
      key: 'attrs.capabilities',
      header: '救援能力（事件代码）',
      width: 24,
      hint: '多个用、分隔',
      read: (r) => joined(attr(r, 'capabilities')),
      write: list('attrs.capabilities', true),
    },
    {
      key: 'attrs.equipment',
      header: '装备清单',
      width: 30,
      hint: '名称*数量，多个用、分隔',
      read: (r) => {
        const eq = attr(r, 'equipment');
        return Array.isArray(eq) ? (eq as { name: string; quantity: number }[]).map((e) => `${e.name}*${e.quantity}`).join('、') : null;
      },
      write: (d, t) => {
        const items: { name: string; quantity: number }[] = [];
        for (const part of t
          .split(LIST_SPLIT)
          .map((s) => s.trim())
          .filter(Boolean)) {
          const m = /^(.+?)\s*[*×xX]\s*(\d+)$/.exec(part);
          items.push(m ? { name: m[1]!.trim(), quantity: Number(m[2]) } : { name: part, quantity: 1 });
        }
        setPath(d, 'attrs.equipment', items);
        return null;
      },
    },
    { key: 'attrs.leader', header: '负责人', width: 12, read: (r) => scalar(attr(r, 'leader')), write: text('attrs.leader') },
  ],
  expert: [
    {
      key: 'attrs.specialties',
      header: '专长（事件代码）',
      width: 24,
      hint: '多个用、分隔',
      read: (r) => joined(attr(r, 'specialties')),
      write: list('attrs.specialties', true),
    },
    { key: 'attrs.employer', header: '工作单位', width: 24, read: (r) => scalar(attr(r, 'employer')), write: text('attrs.employer') },
    { key: 'attrs.title', header: '职称', width: 12, read: (r) => scalar(attr(r, 'title')), write: text('attrs.title') },
    { key: 'contact.phone', header: '手机号', width: 16, read: (r) => r.contact?.phone ?? null, write: text('contact.phone') },
    { key: 'contact.idNumber', header: '身份证号', width: 22, read: (r) => r.contact?.idNumber ?? null, write: text('contact.idNumber') },
  ],
  warehouse: [
    { key: 'attrs.manager', header: '管理员', width: 12, read: (r) => scalar(attr(r, 'manager')), write: text('attrs.manager') },
    {
      key: 'attrs.level',
      header: '储备库级别',
      width: 10,
      hint: Object.values(WAREHOUSE_LEVEL_ZH).join('/'),
      read: (r) => label(WAREHOUSE_LEVEL_ZH, attr(r, 'level')),
      write: choice('attrs.level', WAREHOUSE_LEVEL_ZH),
    },
    { key: 'attrs.areaM2', header: '面积（平方米）', width: 12, read: (r) => scalar(attr(r, 'areaM2')), write: num('attrs.areaM2') },
  ],
  shelter: [
    {
      key: 'attrs.shelterClass',
      header: '场所类别',
      width: 10,
      required: true,
      hint: 'Ⅰ类/Ⅱ类/Ⅲ类',
      read: (r) => label(SHELTER_CLASS_ZH, attr(r, 'shelterClass')),
      write: choice('attrs.shelterClass', SHELTER_CLASS_ZH),
    },
    {
      key: 'attrs.indoor',
      header: '室内',
      width: 8,
      required: true,
      hint: '是/否',
      read: (r) => (attr(r, 'indoor') === true ? '是' : attr(r, 'indoor') === false ? '否' : null),
      write: bool('attrs.indoor'),
    },
    {
      key: 'attrs.capacity',
      header: '容纳人数',
      width: 10,
      required: true,
      read: (r) => scalar(attr(r, 'capacity')),
      write: num('attrs.capacity', true),
    },
    {
      key: 'attrs.occupancy',
      header: '当前安置人数',
      width: 12,
      read: (r) => scalar(attr(r, 'occupancy')),
      write: num('attrs.occupancy', true),
    },
    {
      key: 'attrs.effectiveAreaM2',
      header: '有效面积（平方米）',
      width: 14,
      read: (r) => scalar(attr(r, 'effectiveAreaM2')),
      write: num('attrs.effectiveAreaM2'),
    },
    {
      key: 'attrs.serviceRadiusM',
      header: '服务半径（米）',
      width: 12,
      read: (r) => scalar(attr(r, 'serviceRadiusM')),
      write: num('attrs.serviceRadiusM'),
    },
    {
      key: 'attrs.facilities',
      header: '设施',
      width: 24,
      hint: '多个用、分隔',
      read: (r) => joined(attr(r, 'facilities')),
      write: list('attrs.facilities'),
    },
  ],
  equipment: [
    {
      key: 'attrs.equipmentType',
      header: '装备类型',
      width: 10,
      required: true,
      hint: Object.values(EQUIPMENT_TYPE_ZH).join('/'),
      read: (r) => label(EQUIPMENT_TYPE_ZH, attr(r, 'equipmentType')),
      write: choice('attrs.equipmentType', EQUIPMENT_TYPE_ZH),
    },
    { key: 'attrs.model', header: '型号', width: 16, read: (r) => scalar(attr(r, 'model')), write: text('attrs.model') },
    { key: 'attrs.quantity', header: '数量', width: 8, read: (r) => scalar(attr(r, 'quantity')), write: num('attrs.quantity', true) },
    { key: 'attrs.plate', header: '车牌号', width: 12, read: (r) => scalar(attr(r, 'plate')), write: text('attrs.plate') },
  ],
  hazard: [
    {
      key: 'attrs.majorLevel',
      header: '重大危险源等级',
      width: 14,
      hint: '一级/二级/三级/四级，非重大危险源留空',
      read: (r) => label(MAJOR_LEVEL_ZH, attr(r, 'majorLevel')),
      write: choice('attrs.majorLevel', MAJOR_LEVEL_ZH),
    },
    { key: 'attrs.enterprise', header: '所属企业', width: 24, read: (r) => scalar(attr(r, 'enterprise')), write: text('attrs.enterprise') },
    {
      key: 'attrs.chemicals',
      header: '危险化学品',
      width: 24,
      hint: '多个用、分隔',
      read: (r) => joined(attr(r, 'chemicals')),
      write: list('attrs.chemicals'),
    },
    {
      key: 'attrs.riskLevel',
      header: '风险等级',
      width: 10,
      hint: Object.values(RISK_LEVEL_ZH).join('/'),
      read: (r) => label(RISK_LEVEL_ZH, attr(r, 'riskLevel')),
      write: choice('attrs.riskLevel', RISK_LEVEL_ZH),
    },
  ],
  target: [
    {
      key: 'attrs.population',
      header: '人数',
      width: 10,
      read: (r) => scalar(attr(r, 'population')),
      write: num('attrs.population', true),
    },
    { key: 'attrs.contact', header: '联系人', width: 12, read: (r) => scalar(attr(r, 'contact')), write: text('attrs.contact') },
  ],
};

/** The columns of each registry's export and import template, in order. */
export const RESOURCE_COLUMNS: Record<ResourceKind, ColumnDef[]> = Object.fromEntries(
  (Object.keys(KIND_COLUMNS) as ResourceKind[]).map((k) => [k, [...head(k), ...KIND_COLUMNS[k], ...TAIL]]),
) as Record<ResourceKind, ColumnDef[]>;

/** The columns of stock lines' export and import template, in order. */
export const STOCK_COLUMNS: ColumnDef<StockExportRow>[] = [
  { key: 'warehouseCode', header: '储备库外部编码', width: 18, required: true, read: (r) => r.warehouseCode, write: text('warehouseCode') },
  {
    key: 'externalCode',
    header: '物资外部编码',
    width: 18,
    required: true,
    hint: '唯一，重复导入按此更新',
    read: (r) => r.externalCode,
    write: text('externalCode'),
  },
  {
    key: 'materialCode',
    header: '物资类别代码',
    width: 12,
    required: true,
    hint: '43 开头的 5 位国家代码',
    read: (r) => r.materialCode,
    write: text('materialCode'),
  },
  { key: 'name', header: '物资名称', width: 20, required: true, read: (r) => r.name, write: text('name') },
  { key: 'spec', header: '规格型号', width: 16, read: (r) => r.spec, write: text('spec') },
  { key: 'unit', header: '单位', width: 8, required: true, read: (r) => r.unit, write: text('unit') },
  { key: 'quantity', header: '数量', width: 10, required: true, read: (r) => r.quantity, write: num('quantity') },
  { key: 'minQuantity', header: '最低库存', width: 10, read: (r) => r.minQuantity, write: num('minQuantity') },
  { key: 'batch', header: '批次', width: 14, read: (r) => r.batch, write: text('batch') },
  { key: 'producedOn', header: '生产日期', width: 12, hint: 'YYYY-MM-DD', read: (r) => r.producedOn, write: text('producedOn') },
  { key: 'expiresOn', header: '有效期至', width: 12, hint: 'YYYY-MM-DD', read: (r) => r.expiresOn, write: text('expiresOn') },
  { key: 'warehouseName', header: '储备库名称', width: 20, read: (r) => r.warehouseName },
  { key: 'materialName', header: '物资类别名称', width: 16, read: (r) => r.materialName },
  { key: 'belowMinimum', header: '低于最低库存', width: 12, read: (r) => (r.belowMinimum ? '是' : '否') },
  { key: 'expiringSoon', header: '临近有效期', width: 12, read: (r) => (r.expiringSoon ? '是' : '否') },
];

/**
 * Builds an input draft from one spreadsheet row: `textOf(column)` gives the cell's text (empty
 * cells are skipped so schema defaults apply). Errors name the column's header.
 */
export function draftFromCells<R>(
  columns: readonly ColumnDef<R>[],
  textOf: (c: ColumnDef<R>) => string | undefined,
): { draft: Draft; errors: { column: string; field: string; message: string }[] } {
  const draft: Draft = {};
  const errors: { column: string; field: string; message: string }[] = [];
  for (const c of columns) {
    if (!c.write) continue;
    const t = textOf(c)?.trim();
    if (!t) continue;
    const msg = c.write(draft, t);
    if (msg) errors.push({ column: c.header, field: c.key, message: msg });
  }
  return { draft, errors };
}

/** The column a validation error's field belongs to (`attrs.headcount` → 人数), for error reports. */
export function columnForField<R>(columns: readonly ColumnDef<R>[], field: string): ColumnDef<R> | undefined {
  return columns.find((c) => c.key === field) ?? columns.find((c) => field.startsWith(`${c.key}.`) || c.key.startsWith(`${field}.`));
}
