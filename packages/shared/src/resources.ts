import { z } from 'zod';
import { ListQuery, NonEmptyText, Text } from './common.js';
import { LocationInput } from './incidents.js';

/**
 * Emergency resources (应急资源): the contracts of the registries, stock, imports and the One Map.
 * Every registry entity is a `resource` of one kind; kind-specific attributes live in `attrs`
 * and are validated by the kind's schema below.
 */
export const RESOURCE_KINDS = ['team', 'expert', 'warehouse', 'shelter', 'equipment', 'hazard', 'target'] as const;
export const ResourceKind = z.enum(RESOURCE_KINDS);
export type ResourceKind = z.infer<typeof ResourceKind>;

export const RESOURCE_KIND_ZH: Record<ResourceKind, string> = {
  team: '救援队伍',
  expert: '专家',
  warehouse: '储备库',
  shelter: '避难场所',
  equipment: '装备',
  hazard: '危险源',
  target: '防护目标',
};
export const RESOURCE_KIND_EN: Record<ResourceKind, string> = {
  team: 'Rescue teams',
  expert: 'Experts',
  warehouse: 'Warehouses',
  shelter: 'Shelters',
  equipment: 'Equipment',
  hazard: 'Hazard sources',
  target: 'Protected targets',
};

/** National code prefixes allowed as `typeCode` per kind (checked against code_table by the server). */
export const RESOURCE_TYPE_PREFIX: Record<ResourceKind, readonly string[]> = {
  team: ['42E'],
  expert: ['42A'],
  warehouse: ['41', '43', '44'],
  shelter: ['4', '3'],
  equipment: ['4'],
  hazard: ['21', '22', '23', '24'],
  target: ['31', '32'],
};

/** Statuses per kind, with their Chinese labels (also the map legend's colours by status). */
export const RESOURCE_STATUSES = {
  team: { available: '待命', on_mission: '执行任务', resting: '休整' },
  expert: { available: '可联络', unavailable: '暂不可用' },
  warehouse: { active: '在用', inactive: '停用' },
  shelter: { open: '开放', full: '已满', closed: '关闭' },
  equipment: { available: '可用', in_use: '使用中', maintenance: '维修', retired: '报废' },
  hazard: { active: '在役', inactive: '停用' },
  target: { active: '正常', inactive: '停用' },
} as const satisfies Record<ResourceKind, Record<string, string>>;
export type ResourceStatus<K extends ResourceKind = ResourceKind> = keyof (typeof RESOURCE_STATUSES)[K] & string;

export function isResourceStatus(kind: ResourceKind, status: string): boolean {
  return Object.prototype.hasOwnProperty.call(RESOURCE_STATUSES[kind], status);
}

const Count = z.number().int('应为整数').min(0, '不能小于 0').max(10_000_000, '数值过大');
const Amount = z.number().min(0, '不能小于 0').max(1e9, '数值过大');
const CodeList = z
  .array(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^\d{2}[0-9A-Z]\d{2}$/, '应为 5 位国家代码'),
  )
  .max(50);
const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{3,20}$/, '电话号码格式不正确');

export const TEAM_LEVELS = ['national', 'provincial', 'city', 'county', 'enterprise', 'volunteer'] as const;
export const TEAM_LEVEL_ZH: Record<(typeof TEAM_LEVELS)[number], string> = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  county: '县级',
  enterprise: '企业',
  volunteer: '志愿者',
};
export const EQUIPMENT_TYPES = ['satellite_phone', 'drone', 'pump', 'generator', 'vehicle', 'boat', 'lighting', 'other'] as const;
export const EQUIPMENT_TYPE_ZH: Record<(typeof EQUIPMENT_TYPES)[number], string> = {
  satellite_phone: '卫星电话',
  drone: '无人机',
  pump: '排涝泵',
  generator: '发电机',
  vehicle: '车辆',
  boat: '舟艇',
  lighting: '照明设备',
  other: '其他',
};

/** Kind-specific attributes. */
export const TeamAttrs = z
  .object({
    level: z.enum(TEAM_LEVELS),
    headcount: Count,
    capabilities: CodeList.default([]),
    equipment: z
      .array(z.object({ name: NonEmptyText(60), quantity: Count }).strict())
      .max(100)
      .default([]),
    leader: Text(60).optional(),
  })
  .strict();
export const ExpertAttrs = z
  .object({
    specialties: CodeList.default([]),
    employer: Text(200).optional(),
    title: Text(60).optional(),
  })
  .strict();
export const WarehouseAttrs = z
  .object({
    manager: Text(60).optional(),
    level: z.enum(['provincial', 'city', 'county', 'township', 'enterprise']).optional(),
    areaM2: Amount.optional(),
  })
  .strict();
export const ShelterAttrs = z
  .object({
    shelterClass: z.enum(['I', 'II', 'III']),
    indoor: z.boolean(),
    capacity: Count,
    occupancy: Count.default(0),
    effectiveAreaM2: Amount.optional(),
    serviceRadiusM: Amount.optional(),
    facilities: z.array(NonEmptyText(30)).max(50).default([]),
  })
  .strict()
  .refine((a) => a.occupancy <= a.capacity, { path: ['occupancy'], message: '当前安置人数不能超过容量' });
export const EquipmentAttrs = z
  .object({
    equipmentType: z.enum(EQUIPMENT_TYPES),
    model: Text(100).optional(),
    quantity: Count.default(1),
    plate: Text(20).optional(),
  })
  .strict();
export const HazardAttrs = z
  .object({
    /** 重大危险源 level per GB 18218 (一级 most severe) or null when not a major hazard. */
    majorLevel: z.enum(['1', '2', '3', '4']).nullable().default(null),
    enterprise: Text(200).optional(),
    chemicals: z.array(NonEmptyText(60)).max(50).default([]),
    riskLevel: z.enum(['major', 'high', 'medium', 'low']).optional(),
  })
  .strict();
export const TargetAttrs = z
  .object({
    population: Count.optional(),
    contact: Text(60).optional(),
  })
  .strict();

export const RESOURCE_ATTRS = {
  team: TeamAttrs,
  expert: ExpertAttrs,
  warehouse: WarehouseAttrs,
  shelter: ShelterAttrs,
  equipment: EquipmentAttrs,
  hazard: HazardAttrs,
  target: TargetAttrs,
} as const;

/** GeoJSON Polygon/MultiPolygon for shelters' areas (validity is checked by PostGIS on write). */
export const AreaInput = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()])).min(4)).min(1) }).strict(),
  z
    .object({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])).min(4)).min(1)).min(1),
    })
    .strict(),
]);

/** Create/replace body for any kind; `attrs` is validated against the kind's schema by the server. */
export const ResourceInput = z
  .object({
    externalCode: NonEmptyText(64).pipe(z.string().regex(/^[A-Za-z0-9_.-]+$/, '外部编码只能包含字母、数字、_ . -')),
    name: NonEmptyText(200),
    typeCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^\d{2}[0-9A-Z]\d{2}$/, '类型应为 5 位国家代码')
      .nullable()
      .optional(),
    status: NonEmptyText(30),
    orgId: z.uuid().optional(),
    address: Text(300).nullable().optional(),
    phone: Phone.nullable().optional(),
    location: LocationInput,
    area: AreaInput.nullable().optional(),
    attrs: z.record(z.string(), z.unknown()).default({}),
    /** Experts only: sealed at rest, masked for users without expert.contact.read. */
    contact: z
      .object({
        phone: Phone.nullable().optional(),
        idNumber: z
          .string()
          .trim()
          .regex(/^\d{17}[\dXx]$/, '身份证号格式不正确')
          .nullable()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ResourceInput = z.input<typeof ResourceInput>;

export const ResourcePatch = ResourceInput.partial()
  // No default here: an omitted `attrs` keeps the stored attributes.
  .extend({ attrs: z.record(z.string(), z.unknown()).optional(), version: z.number().int().min(1) })
  .strict();
export type ResourcePatch = z.input<typeof ResourcePatch>;

export const ResourceKindParams = z.object({ kind: ResourceKind }).strict();
export const ResourceIdParams = z.object({ kind: ResourceKind, id: z.uuid() }).strict();

export const ResourceListQuery = ListQuery.extend({
  typeCode: z.string().trim().max(10).optional(),
  status: z.string().trim().max(30).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  orgId: z.uuid().optional(),
  includeArchived: z.coerce.boolean().optional(),
  /** minLng,minLat,maxLng,maxLat (WGS84) */
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox 应为 minLng,minLat,maxLng,maxLat')
    .optional(),
  sort: z.enum(['name', 'externalCode', 'updatedAt']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  format: z.enum(['json', 'xlsx', 'csv']).default('json'),
}).strict();
export type ResourceListQuery = z.infer<typeof ResourceListQuery>;

export const ResourceDto = z.object({
  id: z.string(),
  kind: ResourceKind,
  externalCode: z.string(),
  name: z.string(),
  typeCode: z.string().nullable(),
  typeName: z.string().nullable(),
  status: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  divisionCode: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  location: z.object({ lng: z.number(), lat: z.number() }),
  area: z.unknown().nullable(),
  attrs: z.record(z.string(), z.unknown()),
  contact: z.object({ phone: z.string().nullable(), idNumber: z.string().nullable(), masked: z.boolean() }).nullable(),
  source: z.string(),
  version: z.number().int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean(), archive: z.boolean() }),
});
export type ResourceDto = z.infer<typeof ResourceDto>;

export const ResourceHistoryDto = z.object({
  version: z.number().int(),
  action: z.string(),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
  snapshot: z.record(z.string(), z.unknown()),
});
export type ResourceHistoryDto = z.infer<typeof ResourceHistoryDto>;

/** Stock (储备物资). */
export const StockLineInput = z
  .object({
    externalCode: NonEmptyText(64).optional(),
    materialCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^4[0-9A-Z]{4}$/, '物资类别应为 43 开头的 5 位国家代码'),
    name: NonEmptyText(100),
    spec: Text(100).nullable().optional(),
    unit: NonEmptyText(10),
    quantity: Amount,
    minQuantity: Amount.default(0),
    batch: Text(60).nullable().optional(),
    producedOn: z.iso.date('日期格式应为 YYYY-MM-DD').nullable().optional(),
    expiresOn: z.iso.date('日期格式应为 YYYY-MM-DD').nullable().optional(),
  })
  .strict()
  .refine((s) => !s.producedOn || !s.expiresOn || s.expiresOn >= s.producedOn, {
    path: ['expiresOn'],
    message: '有效期不能早于生产日期',
  });
export type StockLineInput = z.input<typeof StockLineInput>;

export const STOCK_ADJUST_KINDS = ['in', 'out', 'transfer', 'stocktake'] as const;
export const StockAdjustInput = z
  .object({
    kind: z.enum(STOCK_ADJUST_KINDS),
    /** in/out/transfer: positive amount moved; stocktake: the counted quantity. */
    quantity: z.number().min(0, '数量不能为负').max(1e9, '数值过大'),
    reason: NonEmptyText(300),
    /** transfer only: the receiving warehouse. */
    toWarehouseId: z.uuid().optional(),
  })
  .strict()
  .refine((a) => a.kind !== 'transfer' || !!a.toWarehouseId, { path: ['toWarehouseId'], message: '调拨需选择调入仓库' })
  .refine((a) => a.kind === 'stocktake' || a.quantity > 0, { path: ['quantity'], message: '数量必须大于 0' });
export type StockAdjustInput = z.input<typeof StockAdjustInput>;

export const StockLineDto = z.object({
  id: z.string(),
  warehouseId: z.string(),
  warehouseName: z.string(),
  externalCode: z.string().nullable(),
  materialCode: z.string(),
  materialName: z.string().nullable(),
  name: z.string(),
  spec: z.string().nullable(),
  unit: z.string(),
  quantity: z.number(),
  minQuantity: z.number(),
  batch: z.string().nullable(),
  producedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  belowMinimum: z.boolean(),
  expiringSoon: z.boolean(),
  updatedAt: z.string(),
});
export type StockLineDto = z.infer<typeof StockLineDto>;

export const StockMovementDto = z.object({
  id: z.string(),
  kind: z.string(),
  delta: z.number(),
  quantityAfter: z.number(),
  reason: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type StockMovementDto = z.infer<typeof StockMovementDto>;

/** Imports (background jobs). */
export const IMPORT_ENTITIES = [...RESOURCE_KINDS, 'stock'] as const;
export const ImportEntity = z.enum(IMPORT_ENTITIES);
export type ImportEntity = z.infer<typeof ImportEntity>;

export const ImportJobDto = z.object({
  id: z.string(),
  entity: z.string(),
  filename: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errorCount: z.number().int(),
  failure: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJobDto = z.infer<typeof ImportJobDto>;

/** One Map: layers, search, spatial query, around here. */
/** `device` and `installation` are the monitoring module's layers (devices by state, major hazard installations by grade). */
export const MAP_LAYERS = [...RESOURCE_KINDS, 'incident', 'device', 'installation'] as const;
export const MapLayer = z.enum(MAP_LAYERS);
export type MapLayer = z.infer<typeof MapLayer>;

export const LayerDto = z.object({
  id: MapLayer,
  name: z.string(),
  nameEn: z.string(),
  color: z.string(),
  icon: z.string(),
  /** status → { label, color } */
  statuses: z.record(z.string(), z.object({ label: z.string(), color: z.string() })),
  tiles: z.string(),
  count: z.number().int(),
});
export type LayerDto = z.infer<typeof LayerDto>;

export const MapSearchQuery = z.object({ q: NonEmptyText(100), limit: z.coerce.number().int().min(1).max(50).default(20) }).strict();
export const MapSearchHit = z.object({
  kind: z.enum(['resource', 'coordinate', 'region', 'incident']),
  layer: MapLayer.nullable(),
  id: z.string().nullable(),
  title: z.string(),
  subtitle: z.string().nullable(),
  location: z.object({ lng: z.number(), lat: z.number() }),
});
export type MapSearchHit = z.infer<typeof MapSearchHit>;

export const SpatialQueryInput = z
  .object({
    // Discriminated by `type`, so a wrong shape type is reported on `shape.type`.
    shape: z.discriminatedUnion('type', [
      z
        .object({ type: z.literal('circle'), center: LocationInput, radiusM: z.number().positive().max(200_000, '半径不超过 200 公里') })
        .strict(),
      z
        .object({
          type: z.literal('polygon'),
          coordinates: z
            .array(z.tuple([z.number(), z.number()]))
            .min(4)
            .max(5000),
        })
        .strict(),
    ]),
    layers: z
      .array(MapLayer)
      .min(1)
      .default([...RESOURCE_KINDS]),
    limitPerLayer: z.number().int().min(1).max(5000).default(500),
    format: z.enum(['json', 'xlsx']).default('json'),
  })
  .strict();
export type SpatialQueryInput = z.input<typeof SpatialQueryInput>;

export const FeatureSummary = z.object({
  layer: MapLayer,
  id: z.string(),
  name: z.string(),
  typeCode: z.string().nullable(),
  status: z.string(),
  location: z.object({ lng: z.number(), lat: z.number() }),
  orgName: z.string(),
  distanceM: z.number().nullable(),
});
export type FeatureSummary = z.infer<typeof FeatureSummary>;

export const AroundQuery = z
  .object({
    lng: z.coerce.number().optional(),
    lat: z.coerce.number().optional(),
    crs: z.enum(['wgs84', 'gcj02']).default('wgs84'),
    incidentId: z.uuid().optional(),
    radiusKm: z.coerce.number().positive().max(200).default(10),
    limit: z.coerce.number().int().min(1).max(100).default(10),
    /** warehouses: only those holding this material class (43…) with quantity > 0 */
    material: z.string().trim().toUpperCase().max(10).optional(),
    /** experts: by specialty (event code) */
    specialty: z.string().trim().toUpperCase().max(10).optional(),
  })
  .strict();
export type AroundQuery = z.infer<typeof AroundQuery>;

export const AroundResult = z.object({
  center: z.object({ lng: z.number(), lat: z.number() }),
  radiusKm: z.number(),
  teams: z.array(FeatureSummary),
  warehouses: z.array(FeatureSummary.extend({ materialQuantity: z.number().nullable() })),
  shelters: z.array(FeatureSummary.extend({ freeCapacity: z.number() })),
  experts: z.array(FeatureSummary),
});
export type AroundResult = z.infer<typeof AroundResult>;

/** Archive a resource (归档): the reason is kept in the history and the audit trail. */
export const ResourceArchiveInput = z.object({ reason: NonEmptyText(300) }).strict();
export type ResourceArchiveInput = z.infer<typeof ResourceArchiveInput>;
export const ResourceRestoreInput = z
  .object({ reason: Text(300).optional() })
  .strict()
  .optional();
export type ResourceRestoreInput = z.infer<typeof ResourceRestoreInput>;

/** GET /resources/summary: per kind, live (not archived) resources in scope by status. */
export const ResourceSummaryDto = z.record(
  z.string(),
  z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }),
);
export type ResourceSummaryDto = z.infer<typeof ResourceSummaryDto>;

export const WarehouseIdParams = z.object({ id: z.uuid() }).strict();
export const StockLineIdParams = z.object({ lineId: z.uuid() }).strict();

/** PUT /stock/:lineId: the non-quantity fields of a stock line (quantity changes only through adjustments). */
export const StockLinePatch = z
  .object({
    externalCode: NonEmptyText(64).nullable().optional(),
    materialCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^4[0-9A-Z]{4}$/, '物资类别应为 43 开头的 5 位国家代码')
      .optional(),
    name: NonEmptyText(100).optional(),
    spec: Text(100).nullable().optional(),
    unit: NonEmptyText(10).optional(),
    minQuantity: Amount.optional(),
    batch: Text(60).nullable().optional(),
    producedOn: z.iso.date('日期格式应为 YYYY-MM-DD').nullable().optional(),
    expiresOn: z.iso.date('日期格式应为 YYYY-MM-DD').nullable().optional(),
  })
  .strict();
export type StockLinePatch = z.infer<typeof StockLinePatch>;

/** GET /stock: stock lines across warehouses in scope; `alert` narrows to below-minimum or expiring lines. */
export const StockListQuery = ListQuery.extend({
  material: z.string().trim().toUpperCase().max(10).optional(),
  warehouseId: z.uuid().optional(),
  alert: z.enum(['below_minimum', 'expiring']).optional(),
  days: z.coerce.number().int().min(1).max(3650).default(30),
  format: z.enum(['json', 'xlsx', 'csv']).default('json'),
}).strict();
export type StockListQuery = z.infer<typeof StockListQuery>;

/** GET /warehouses/:id/stock */
export const WarehouseStockQuery = ListQuery.extend({ days: z.coerce.number().int().min(1).max(3650).default(30) }).strict();
export type WarehouseStockQuery = z.infer<typeof WarehouseStockQuery>;

/** Import jobs: list filter, template format, and the events of a job's life. */
export const ImportListQuery = z
  .object({
    entity: ImportEntity.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ImportListQuery = z.infer<typeof ImportListQuery>;

export const ImportEntityParams = z.object({ entity: ImportEntity }).strict();
export const ImportTemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict();

export const IMPORT_EVENTS = {
  /** A file was accepted and waits for the worker. */
  queued: 'import.queued',
  /** A job ended (succeeded or failed); sent on the `resources` topic to users who can read resources. */
  finished: 'import.finished',
} as const;

export interface ImportFinishedPayload {
  jobId: string;
  entity: ImportEntity;
  status: 'succeeded' | 'failed';
  inserted: number;
  updated: number;
  unchanged: number;
  errorCount: number;
}
