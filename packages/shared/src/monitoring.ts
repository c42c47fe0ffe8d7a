import { z } from 'zod';
import { ListQuery, NonEmptyText, Text } from './common.js';
import { LocationInput } from './incidents.js';

/**
 * Monitoring (监测预警): the contracts of the device type catalogue, devices and their points, and
 * major hazard installations (重大危险源, GB 18218-2018). Readings, rules and alarms have their own
 * contract files.
 */

export const DEVICE_CATEGORIES = ['hazchem', 'natural', 'lifeline'] as const;
export const DeviceCategory = z.enum(DEVICE_CATEGORIES);
export type DeviceCategory = z.infer<typeof DeviceCategory>;
export const DEVICE_CATEGORY_ZH: Record<DeviceCategory, string> = { hazchem: '危险化学品', natural: '自然灾害', lifeline: '城市生命线' };
export const DEVICE_CATEGORY_EN: Record<DeviceCategory, string> = {
  hazchem: 'Hazardous chemicals',
  natural: 'Natural hazards',
  lifeline: 'City lifelines',
};

export const DEVICE_STATUSES = ['active', 'maintenance', 'disabled', 'retired'] as const;
export const DeviceStatus = z.enum(DEVICE_STATUSES, { error: '设备状态应为 active、maintenance、disabled 或 retired' });
export type DeviceStatus = z.infer<typeof DeviceStatus>;
export const DEVICE_STATUS_ZH: Record<DeviceStatus, string> = { active: '运行', maintenance: '维护', disabled: '停用', retired: '报废' };

/** What a device looks like on the map: an open alarm wins, then whether it reports. */
export const DEVICE_MAP_STATES = ['alarm', 'online', 'offline', 'disabled'] as const;
export type DeviceMapState = (typeof DEVICE_MAP_STATES)[number];
export const DEVICE_MAP_STATE_ZH: Record<DeviceMapState, string> = {
  alarm: '报警',
  online: '在线',
  offline: '离线',
  disabled: '停用/维护',
};

export const VALUE_KINDS = ['number', 'boolean'] as const;
export const ValueKind = z.enum(VALUE_KINDS, { error: '取值类型应为 number 或 boolean' });
export type ValueKind = z.infer<typeof ValueKind>;

/** A metric code as devices send it in `values` (`tank_level`, `lel`, `h2s` …). */
export const MetricCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, '指标编码只能包含小写字母、数字和下划线，以字母开头，最长 40 个字符');

/**
 * A device code: it is the MQTT user name and the last level of the topic
 * `vigil/telemetry/{code}`, so topic wildcards and separators (`+ # /`) are excluded.
 */
export const DeviceCode = z
  .string()
  .trim()
  .min(1, '请填写设备编码')
  .max(64, '设备编码最长 64 个字符')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, '设备编码只能包含字母、数字和 _ . -，以字母或数字开头');

const Num = z.number({ error: '应为数字' }).refine(Number.isFinite, '应为有限数字');
const OptNum = Num.nullable().optional();
const IntervalS = z.number({ error: '应为整数' }).int('应为整数').min(1, '采样间隔至少 1 秒').max(86_400, '采样间隔不超过 1 天');

/** The thresholds and range of a point, as stored or as edited. */
export interface PointLimits {
  valueKind: ValueKind;
  rangeMin?: number | null | undefined;
  rangeMax?: number | null | undefined;
  h?: number | null | undefined;
  hh?: number | null | undefined;
  l?: number | null | undefined;
  ll?: number | null | undefined;
}

const LIMIT_ZH = { ll: '低低报(LL)', l: '低报(L)', h: '高报(H)', hh: '高高报(HH)' } as const;

/**
 * Problems with a point's range and thresholds: min < max; LL < L < H < HH among those set; every
 * threshold inside the range; a switch (boolean) point has no range or thresholds. Field names are
 * relative to the point (`hh`, `rangeMax` …).
 */
export function pointLimitErrors(p: PointLimits): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const set = (v: number | null | undefined): v is number => typeof v === 'number';
  if (p.valueKind === 'boolean') {
    for (const k of ['rangeMin', 'rangeMax', 'h', 'hh', 'l', 'll'] as const)
      if (set(p[k])) errors.push({ field: k, message: '开关量测点不设量程和阈值' });
    return errors;
  }
  if (set(p.rangeMin) && set(p.rangeMax) && p.rangeMin >= p.rangeMax) errors.push({ field: 'rangeMax', message: '量程上限应大于下限' });
  const order = (['ll', 'l', 'h', 'hh'] as const).filter((k) => set(p[k]));
  for (let i = 1; i < order.length; i++) {
    const lo = order[i - 1]!;
    const hi = order[i]!;
    if (p[lo]! >= p[hi]!) errors.push({ field: hi, message: `${LIMIT_ZH[hi]}应大于${LIMIT_ZH[lo]}` });
  }
  for (const k of order) {
    if (set(p.rangeMin) && p[k]! < p.rangeMin) errors.push({ field: k, message: `${LIMIT_ZH[k]}不能低于量程下限 ${p.rangeMin}` });
    if (set(p.rangeMax) && p[k]! > p.rangeMax) errors.push({ field: k, message: `${LIMIT_ZH[k]}不能高于量程上限 ${p.rangeMax}` });
  }
  return errors;
}

function refineLimits(p: PointLimits, ctx: z.RefinementCtx): void {
  for (const e of pointLimitErrors(p)) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
}

/** A default point of a device type: what every device of the type reports. */
export const DefaultPointInput = z
  .object({
    metric: MetricCode,
    nameZh: NonEmptyText(60),
    nameEn: NonEmptyText(80),
    unit: Text(20).nullable().optional(),
    valueKind: ValueKind.default('number'),
    rangeMin: OptNum,
    rangeMax: OptNum,
    intervalS: IntervalS.default(60),
    h: OptNum,
    hh: OptNum,
    l: OptNum,
    ll: OptNum,
  })
  .strict()
  .superRefine(refineLimits);
export type DefaultPointInput = z.input<typeof DefaultPointInput>;
export type DefaultPoint = z.output<typeof DefaultPointInput>;

export const DeviceTypeCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, '类型编码只能包含小写字母、数字和下划线，以字母开头，2–40 个字符');

export const DeviceTypeInput = z
  .object({
    code: DeviceTypeCode,
    category: DeviceCategory,
    nameZh: NonEmptyText(60),
    nameEn: NonEmptyText(80),
    points: z.array(DefaultPointInput).min(1, '至少需要一个测点').max(50, '测点不超过 50 个'),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.points.forEach((p, i) => {
      if (seen.has(p.metric)) ctx.addIssue({ code: 'custom', path: ['points', i, 'metric'], message: `指标编码 ${p.metric} 重复` });
      seen.add(p.metric);
    });
  });
export type DeviceTypeInput = z.input<typeof DeviceTypeInput>;

export const DeviceTypePatch = z
  .object({
    category: DeviceCategory.optional(),
    nameZh: NonEmptyText(60).optional(),
    nameEn: NonEmptyText(80).optional(),
    points: DeviceTypeInput.shape.points.optional(),
  })
  .strict();
export type DeviceTypePatch = z.input<typeof DeviceTypePatch>;

export const DeviceTypeParams = z.object({ code: DeviceTypeCode }).strict();

export const DefaultPointDto = z.object({
  metric: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string().nullable(),
  valueKind: ValueKind,
  rangeMin: z.number().nullable(),
  rangeMax: z.number().nullable(),
  intervalS: z.number().int(),
  h: z.number().nullable(),
  hh: z.number().nullable(),
  l: z.number().nullable(),
  ll: z.number().nullable(),
});
export type DefaultPointDto = z.infer<typeof DefaultPointDto>;

export const DeviceTypeDto = z.object({
  code: z.string(),
  category: DeviceCategory,
  nameZh: z.string(),
  nameEn: z.string(),
  builtin: z.boolean(),
  points: z.array(DefaultPointDto),
  deviceCount: z.number().int(),
});
export type DeviceTypeDto = z.infer<typeof DeviceTypeDto>;

/** Devices. */
const Iso8601Date = z.iso.date('日期格式应为 YYYY-MM-DD');

export const DeviceInput = z
  .object({
    code: DeviceCode,
    typeCode: DeviceTypeCode,
    name: NonEmptyText(200),
    vendor: Text(100).nullable().optional(),
    model: Text(100).nullable().optional(),
    /** Owning org (the actor's own when omitted). */
    orgId: z.uuid('单位 ID 格式不正确').optional(),
    /** The enterprise (a hazard-source resource) the device watches, if any. */
    enterpriseId: z.uuid('企业 ID 格式不正确').nullable().optional(),
    site: Text(200).nullable().optional(),
    address: Text(300).nullable().optional(),
    location: LocationInput,
    installDate: Iso8601Date.nullable().optional(),
    status: DeviceStatus.default('active'),
  })
  .strict();
export type DeviceInput = z.input<typeof DeviceInput>;

/** An edit at the version the editor saw; the code is the device's identity and cannot change. */
export const DevicePatch = DeviceInput.omit({ code: true, typeCode: true })
  .partial()
  // No default on an edit: a status left out stays as it is.
  .extend({ status: DeviceStatus.optional(), version: z.number().int().min(1) })
  .strict();
export type DevicePatch = z.input<typeof DevicePatch>;

export const DeviceArchiveInput = z.object({ reason: NonEmptyText(300) }).strict();
export type DeviceArchiveInput = z.input<typeof DeviceArchiveInput>;

const BoolText = z.enum(['true', 'false'], { error: '应为 true 或 false' }).transform((v) => v === 'true');

export const DeviceListQuery = ListQuery.extend({
  typeCode: DeviceTypeCode.optional(),
  category: DeviceCategory.optional(),
  status: DeviceStatus.optional(),
  divisionCode: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为 6 位数字')
    .optional(),
  enterpriseId: z.uuid().optional(),
  orgId: z.uuid().optional(),
  online: BoolText.optional(),
  includeArchived: BoolText.optional(),
  sort: z.enum(['code', 'name', 'updatedAt']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
}).strict();
export type DeviceListQuery = z.infer<typeof DeviceListQuery>;
/** The list filters as a client sends them (query-string values). */
export type DeviceListParams = z.input<typeof DeviceListQuery>;

export const PointDto = z.object({
  id: z.string(),
  ref: z.number().int(),
  metric: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  valueKind: ValueKind,
  rangeMin: z.number().nullable(),
  rangeMax: z.number().nullable(),
  intervalS: z.number().int(),
  h: z.number().nullable(),
  hh: z.number().nullable(),
  l: z.number().nullable(),
  ll: z.number().nullable(),
  enabled: z.boolean(),
});
export type PointDto = z.infer<typeof PointDto>;

/** An edit of one point; range and thresholds are checked on the merged point. */
export const PointPatch = z
  .object({
    name: NonEmptyText(60).optional(),
    unit: Text(20).nullable().optional(),
    rangeMin: OptNum,
    rangeMax: OptNum,
    intervalS: IntervalS.optional(),
    h: OptNum,
    hh: OptNum,
    l: OptNum,
    ll: OptNum,
    enabled: z.boolean().optional(),
    /** The device's version the editor saw (points are part of the device). */
    version: z.number().int().min(1),
  })
  .strict();
export type PointPatch = z.input<typeof PointPatch>;

export const DevicePointParams = z.object({ id: z.uuid(), pointId: z.uuid() }).strict();

export const DeviceDto = z.object({
  id: z.string(),
  code: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  typeNameEn: z.string(),
  category: DeviceCategory,
  name: z.string(),
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  site: z.string().nullable(),
  divisionCode: z.string().nullable(),
  address: z.string().nullable(),
  location: z.object({ lng: z.number(), lat: z.number() }),
  installDate: z.string().nullable(),
  status: DeviceStatus,
  online: z.boolean(),
  lastSeenAt: z.string().nullable(),
  openAlarms: z.number().int(),
  mapState: z.enum(DEVICE_MAP_STATES),
  secretRotatedAt: z.string().nullable(),
  source: z.string(),
  version: z.number().int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Detail only. */
  points: z.array(PointDto).optional(),
  abilities: z.object({ edit: z.boolean(), archive: z.boolean(), rotateSecret: z.boolean() }),
});
export type DeviceDto = z.infer<typeof DeviceDto>;

/** A device with its new secret: returned once, on creation and on rotation. */
export const DeviceWithSecretDto = z.object({ device: DeviceDto, secret: z.string() });
export type DeviceWithSecretDto = z.infer<typeof DeviceWithSecretDto>;

export const LatestValueDto = z.object({
  pointId: z.string(),
  metric: z.string(),
  value: z.number().nullable(),
  ts: z.string().nullable(),
  receivedAt: z.string().nullable(),
});
export type LatestValueDto = z.infer<typeof LatestValueDto>;

/** Device import (background job on the shared import job table). */
export const DeviceImportTemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict();

/** Major hazard installations (重大危险源, GB 18218-2018). */

/** Table 2 and Table 4 of GB 18218-2018: hazard categories with their critical quantity Q (t) and β. */
export const HAZARD_CATEGORIES = {
  J1: { zh: '急性毒性类别1，气体', q: 5, beta: 4 },
  J2: { zh: '急性毒性类别1，固体或液体', q: 50, beta: 1 },
  J3: { zh: '急性毒性类别2、3，气体', q: 50, beta: 2 },
  J4: { zh: '急性毒性类别2、3，吸入途径为液体（沸点≤35℃）', q: 50, beta: 2 },
  J5: { zh: '急性毒性类别2，其他', q: 500, beta: 1 },
  'W1.1': { zh: '不稳定爆炸物、1.1项爆炸物', q: 1, beta: 2 },
  'W1.2': { zh: '1.2、1.3、1.5、1.6项爆炸物', q: 10, beta: 2 },
  'W1.3': { zh: '1.4项爆炸物', q: 50, beta: 2 },
  W2: { zh: '易燃气体类别1和类别2', q: 10, beta: 1.5 },
  W3: { zh: '气溶胶类别1和类别2', q: 150, beta: 1 },
  W4: { zh: '氧化性气体类别1', q: 50, beta: 1 },
  'W5.1': { zh: '易燃液体类别1，或类别2、3工作温度高于沸点', q: 10, beta: 1.5 },
  'W5.2': { zh: '易燃液体类别2、3，有引发重大事故的特殊工艺条件', q: 50, beta: 1 },
  'W5.3': { zh: '易燃液体类别2、3，不属于W5.1或W5.2', q: 1000, beta: 1 },
  'W5.4': { zh: '易燃液体类别4', q: 5000, beta: 1 },
  'W6.1': { zh: '自反应物质和混合物A型或B型', q: 10, beta: 1.5 },
  'W6.2': { zh: '自反应物质和混合物C、D、E型', q: 50, beta: 1 },
  'W7.1': { zh: '有机过氧化物A型或B型', q: 10, beta: 1.5 },
  'W7.2': { zh: '有机过氧化物C、D、E、F型', q: 50, beta: 1 },
  W8: { zh: '自燃液体类别1、自燃固体类别1', q: 50, beta: 1 },
  'W9.1': { zh: '氧化性固体和液体类别1', q: 50, beta: 1 },
  'W9.2': { zh: '氧化性固体和液体类别2、3', q: 200, beta: 1 },
  W10: { zh: '易燃固体类别1', q: 200, beta: 1 },
  W11: { zh: '遇水放出易燃气体的物质和混合物类别1和类别2', q: 200, beta: 1 },
} as const satisfies Record<string, { zh: string; q: number; beta: number }>;
export type HazardCategory = keyof typeof HAZARD_CATEGORIES;
export const HAZARD_CATEGORY_SYMBOLS = Object.keys(HAZARD_CATEGORIES) as HazardCategory[];

/**
 * Named substances of Table 1 (critical quantity Q in t) with β from Table 3 for the named toxic
 * gases, or from their hazard category otherwise. A selection of the substances met in Quanzhou's
 * petrochemical parks; any other substance is entered with its category (Table 2) or its own Q.
 */
export const HAZARD_SUBSTANCES: readonly {
  name: string;
  cas: string;
  q: number;
  beta: number;
  category: HazardCategory;
  aliases?: string[];
}[] = [
  { name: '氨', cas: '7664-41-7', q: 10, beta: 2, category: 'J3', aliases: ['液氨'] },
  { name: '二氧化硫', cas: '7446-09-5', q: 20, beta: 2, category: 'J3' },
  { name: '环氧乙烷', cas: '75-21-8', q: 10, beta: 2, category: 'W2' },
  { name: '氯化氢', cas: '7647-01-0', q: 20, beta: 3, category: 'J3' },
  { name: '溴甲烷', cas: '74-83-9', q: 10, beta: 3, category: 'J3' },
  { name: '氯', cas: '7782-50-5', q: 5, beta: 4, category: 'J1', aliases: ['氯气', '液氯'] },
  { name: '硫化氢', cas: '7783-06-4', q: 5, beta: 5, category: 'J1' },
  { name: '氟化氢', cas: '7664-39-3', q: 1, beta: 5, category: 'J1' },
  { name: '二氧化氮', cas: '10102-44-0', q: 1, beta: 10, category: 'J1' },
  { name: '氰化氢', cas: '74-90-8', q: 1, beta: 10, category: 'J1' },
  { name: '碳酰氯', cas: '75-44-5', q: 0.3, beta: 20, category: 'J1', aliases: ['光气'] },
  { name: '磷化氢', cas: '7803-51-2', q: 1, beta: 20, category: 'J1' },
  { name: '异氰酸甲酯', cas: '624-83-9', q: 0.75, beta: 20, category: 'J1' },
  { name: '氟', cas: '7782-41-4', q: 1, beta: 4, category: 'J1' },
  { name: '氢', cas: '1333-74-0', q: 5, beta: 1.5, category: 'W2', aliases: ['氢气'] },
  { name: '液化石油气', cas: '68476-85-7', q: 50, beta: 1.5, category: 'W2' },
  { name: '甲烷', cas: '74-82-8', q: 50, beta: 1.5, category: 'W2', aliases: ['天然气'] },
  { name: '乙烯', cas: '74-85-1', q: 50, beta: 1.5, category: 'W2' },
  { name: '乙炔', cas: '74-86-2', q: 1, beta: 1.5, category: 'W2' },
  { name: '汽油', cas: '86290-81-5', q: 200, beta: 1.5, category: 'W5.1' },
  { name: '苯', cas: '71-43-2', q: 50, beta: 1, category: 'W5.3' },
  { name: '甲苯', cas: '108-88-3', q: 500, beta: 1, category: 'W5.3' },
  { name: '甲醇', cas: '67-56-1', q: 500, beta: 1, category: 'W5.3' },
  { name: '乙醇', cas: '64-17-5', q: 500, beta: 1, category: 'W5.3' },
  { name: '丙酮', cas: '67-64-1', q: 500, beta: 1, category: 'W5.3' },
  { name: '苯乙烯', cas: '100-42-5', q: 500, beta: 1, category: 'W5.3' },
  { name: '1,3-丁二烯', cas: '106-99-0', q: 5, beta: 1.5, category: 'W2', aliases: ['丁二烯'] },
  { name: '环己烷', cas: '110-82-7', q: 500, beta: 1, category: 'W5.3' },
  { name: '乙酸乙酯', cas: '141-78-6', q: 500, beta: 1, category: 'W5.3' },
];

/** Finds a Table 1 substance by CAS number, name or alias. */
export function findHazardSubstance(key: { name?: string | null; cas?: string | null }) {
  const cas = key.cas?.trim();
  if (cas) {
    const byCas = HAZARD_SUBSTANCES.find((s) => s.cas === cas);
    if (byCas) return byCas;
  }
  const name = key.name?.trim();
  if (!name) return undefined;
  return HAZARD_SUBSTANCES.find((s) => s.name === name || s.aliases?.includes(name));
}

/** α of Table 5: by the number of people within 500 m of the installation. */
export function alphaForPeople(people: number): number {
  if (people >= 100) return 2;
  if (people >= 50) return 1.5;
  if (people >= 30) return 1.2;
  if (people >= 1) return 1;
  return 0.5;
}

/** Grade by R (Table 6): 一级 R ≥ 100, 二级 50–100, 三级 10–50, 四级 < 10. */
export function gradeForR(r: number): 1 | 2 | 3 | 4 {
  if (r >= 100) return 1;
  if (r >= 50) return 2;
  if (r >= 10) return 3;
  return 4;
}

export const HAZARD_GRADE_ZH: Record<1 | 2 | 3 | 4, string> = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' };

export interface GradedSubstance {
  /** Actual (on-line) quantity q, t. */
  q: number;
  /** Critical quantity Q, t. */
  criticalQ: number;
  beta: number;
}

export interface HazardGrade {
  alpha: number;
  /** S = Σ q/Q: the installation is a major hazard when S ≥ 1. */
  s: number;
  /** R = α · Σ β·q/Q. */
  r: number;
  major: boolean;
  /** 1 (一级, most severe) … 4, or null when not a major hazard. */
  grade: 1 | 2 | 3 | 4 | null;
}

/** GB 18218-2018 identification and grading of one installation (unit). */
export function computeHazardGrade(substances: readonly GradedSubstance[], people500m: number): HazardGrade {
  const alpha = alphaForPeople(people500m);
  let s = 0;
  let weighted = 0;
  for (const x of substances) {
    if (!(x.criticalQ > 0)) continue;
    s += x.q / x.criticalQ;
    weighted += (x.beta * x.q) / x.criticalQ;
  }
  const r = alpha * weighted;
  const major = s >= 1;
  return { alpha, s, r, major, grade: major ? gradeForR(r) : null };
}

const Tonnes = z.number({ error: '应为数字' }).min(0, '不能小于 0').max(1e8, '数值过大');

export const SubstanceInput = z
  .object({
    name: NonEmptyText(100),
    cas: z
      .string()
      .trim()
      .regex(/^\d{2,7}-\d{2}-\d$/, 'CAS 号格式应为 7664-41-7')
      .nullable()
      .optional(),
    category: z
      .enum(HAZARD_CATEGORY_SYMBOLS as [HazardCategory, ...HazardCategory[]], { error: '危险性类别应为 GB 18218 表 2 的符号（如 W2、J1）' })
      .nullable()
      .optional(),
    /** Actual quantity q, t. */
    q: Tonnes,
    /** Critical quantity Q, t; prefilled from Table 1 or the category when omitted. */
    criticalQ: z.number({ error: '应为数字' }).positive('临界量应大于 0').max(1e6, '数值过大').optional(),
    /** Correction factor β; prefilled from Table 3/4 when omitted. */
    beta: z.number({ error: '应为数字' }).positive('校正系数应大于 0').max(100, '数值过大').optional(),
  })
  .strict();
export type SubstanceInput = z.input<typeof SubstanceInput>;

export const InstallationInput = z
  .object({
    code: NonEmptyText(64).pipe(z.string().regex(/^[A-Za-z0-9_.-]+$/, '编码只能包含字母、数字和 _ . -')),
    name: NonEmptyText(200),
    orgId: z.uuid('单位 ID 格式不正确').optional(),
    enterpriseId: z.uuid('企业 ID 格式不正确').nullable().optional(),
    address: Text(300).nullable().optional(),
    location: LocationInput,
    people500m: z.number({ error: '应为整数' }).int('应为整数').min(0, '不能小于 0').max(10_000_000, '数值过大'),
    substances: z.array(SubstanceInput).min(1, '至少登记一种危险化学品').max(100, '危险化学品不超过 100 种'),
    /** Monitoring points that watch the installation. */
    pointIds: z.array(z.uuid('测点 ID 格式不正确')).max(500, '测点不超过 500 个').default([]),
  })
  .strict();
export type InstallationInput = z.input<typeof InstallationInput>;

export const InstallationPatch = InstallationInput.omit({ code: true })
  .partial()
  // No default on an edit: points left out stay linked.
  .extend({ pointIds: z.array(z.uuid('测点 ID 格式不正确')).max(500, '测点不超过 500 个').optional(), version: z.number().int().min(1) })
  .strict();
export type InstallationPatch = z.input<typeof InstallationPatch>;

export const InstallationListQuery = ListQuery.extend({
  grade: z.enum(['1', '2', '3', '4', 'none']).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为 6 位数字')
    .optional(),
  enterpriseId: z.uuid().optional(),
  includeArchived: BoolText.optional(),
}).strict();
export type InstallationListQuery = z.infer<typeof InstallationListQuery>;
export type InstallationListParams = z.input<typeof InstallationListQuery>;

export const SubstanceDto = z.object({
  name: z.string(),
  cas: z.string().nullable(),
  category: z.string().nullable(),
  q: z.number(),
  criticalQ: z.number(),
  beta: z.number(),
  /** q/Q. */
  ratio: z.number(),
});
export type SubstanceDto = z.infer<typeof SubstanceDto>;

export const InstallationPointDto = z.object({
  id: z.string(),
  metric: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  deviceId: z.string(),
  deviceCode: z.string(),
  deviceName: z.string(),
});
export type InstallationPointDto = z.infer<typeof InstallationPointDto>;

export const InstallationDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  divisionCode: z.string().nullable(),
  address: z.string().nullable(),
  location: z.object({ lng: z.number(), lat: z.number() }),
  people500m: z.number().int(),
  alpha: z.number(),
  s: z.number(),
  r: z.number(),
  grade: z.number().int().nullable(),
  substances: z.array(SubstanceDto),
  points: z.array(InstallationPointDto),
  source: z.string(),
  version: z.number().int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean(), archive: z.boolean() }),
});
export type InstallationDto = z.infer<typeof InstallationDto>;

/** Events of devices (ingestion reloads its directory on them). */
export const DEVICE_EVENTS = {
  created: 'device.created',
  updated: 'device.updated',
  archived: 'device.archived',
  secretRotated: 'device.secret_rotated',
} as const;
export const INSTALLATION_EVENTS = { changed: 'installation.changed' } as const;

/** A device import job (background; all rows valid or nothing written). */
export const DeviceImportJobDto = z.object({
  id: z.string(),
  filename: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  totalRows: z.number().int(),
  inserted: z.number().int(),
  errorCount: z.number().int(),
  /** The first errors (the full list is in the error report). */
  errors: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), reason: z.string() })),
  failure: z.string().nullable(),
  /** The secrets of the created devices can still be downloaded (once, by the uploader). */
  credentialsReady: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type DeviceImportJobDto = z.infer<typeof DeviceImportJobDto>;

/** The secrets of the devices an import created (returned once, to the uploader). */
export const DeviceCredentialsDto = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), secret: z.string() })) });
export type DeviceCredentialsDto = z.infer<typeof DeviceCredentialsDto>;
