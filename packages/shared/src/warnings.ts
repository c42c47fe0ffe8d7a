import { z } from 'zod';
import { ListQuery, NonEmptyText, Text } from './common.js';

/**
 * Warning lifecycle (预警信息发布): 编制 → 提交审核 → 已审批 → 已发布, then 已更新 (a newer version
 * superseded it), 已解除 (cancelled) or 已过期. A rejected warning goes back to draft.
 */
export const WARNING_STATUSES = ['draft', 'submitted', 'approved', 'published', 'superseded', 'cancelled', 'expired'] as const;
export const WarningStatus = z.enum(WARNING_STATUSES);
export type WarningStatus = z.infer<typeof WarningStatus>;

export const WARNING_STATUS_ZH: Record<WarningStatus, string> = {
  draft: '草稿',
  submitted: '待审批',
  approved: '已审批',
  published: '已发布',
  superseded: '已更新',
  cancelled: '已解除',
  expired: '已过期',
};

/** Warning colour = level: red Ⅰ级 特别严重, orange Ⅱ级 严重, yellow Ⅲ级 较重, blue Ⅳ级 一般. */
export const WARNING_COLOURS = ['blue', 'yellow', 'orange', 'red'] as const;
export const WarningColour = z.enum(WARNING_COLOURS);
export type WarningColour = z.infer<typeof WarningColour>;

export const WARNING_COLOUR_ZH: Record<WarningColour, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };
export const WARNING_LEVEL_ZH: Record<WarningColour, string> = {
  blue: 'Ⅳ级/一般',
  yellow: 'Ⅲ级/较重',
  orange: 'Ⅱ级/严重',
  red: 'Ⅰ级/特别严重',
};

/** Colours whose approval needs a leader (warning.approve_major). */
export const MAJOR_WARNING_COLOURS: readonly WarningColour[] = ['orange', 'red'];

/** Dissemination channels chosen when drafting (delivery itself is done by the notify module). */
/** in-app, SMS, e-mail, signed webhooks, and devices in the area (MQTT `vigil/alert/{code}`: sirens, displays, broadcast terminals). */
export const WARNING_CHANNELS = ['in_app', 'sms', 'email', 'webhook', 'device'] as const;
export const WarningChannel = z.enum(WARNING_CHANNELS);
export type WarningChannel = z.infer<typeof WarningChannel>;

export const WarningSource = z.enum(['internal', 'external']);
export type WarningSource = z.infer<typeof WarningSource>;

export const SignatureStatus = z.enum(['valid', 'invalid', 'unsigned']);
export type SignatureStatus = z.infer<typeof SignatureStatus>;

/** National warning-type code under 11B (e.g. 11B01 台风); existence is checked against the type table. */
export const WarningTypeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^1[1-49][0-9A-Z]\d{2}$/, '预警类型应为 5 位国家代码，如 11B01');

const Iso = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601，如 2026-06-01T08:00:00+08:00' });
const Lng = z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间');
const Lat = z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间');

/** A GeoJSON Polygon in WGS84 (outer ring only is used for CAP; holes are refused). */
export const GeoJsonPolygon = z
  .object({
    type: z.literal('Polygon'),
    coordinates: z
      .array(
        z
          .array(z.tuple([Lng, Lat]))
          .min(4, '多边形至少需要 4 个点（首尾相同）')
          .max(20_000, '多边形点数过多'),
      )
      .length(1, '只支持一个外环，不支持内环'),
  })
  .strict();
export type GeoJsonPolygon = z.infer<typeof GeoJsonPolygon>;

export const WarningCircle = z
  .object({ lng: Lng, lat: Lat, radiusKm: z.number().gt(0, '半径须大于 0').max(500, '半径不能超过 500 公里') })
  .strict();

/** Where the warning applies: admin divisions and/or a polygon and/or a circle drawn on the map. */
export const WarningAreaInput = z
  .object({
    description: Text(200).optional(),
    divisionCodes: z
      .array(z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字'))
      .max(200)
      .optional(),
    polygon: GeoJsonPolygon.optional(),
    circle: WarningCircle.optional(),
  })
  .strict()
  .refine((a) => Boolean(a.divisionCodes?.length || a.polygon || a.circle), {
    message: '请选择行政区划或在地图上绘制范围',
    path: ['divisionCodes'],
  });
export type WarningAreaInput = z.infer<typeof WarningAreaInput>;

/** The English block (optional); zh-CN is carried by the top-level fields. */
export const WarningEnglishInput = z
  .object({
    headline: NonEmptyText(200),
    description: NonEmptyText(4000),
    instruction: Text(4000).optional(),
  })
  .strict();

const DraftFields = {
  typeCode: WarningTypeCode,
  colour: WarningColour,
  /** Empty: "<org>发布<type><colour>预警[level]". */
  headline: Text(200).optional(),
  description: NonEmptyText(4000),
  /** 防御指南; empty: the template of the type and colour. */
  instruction: Text(4000).optional(),
  area: WarningAreaInput,
  effective: Iso.optional(),
  onset: Iso.optional(),
  expires: Iso,
  audience: Text(200).optional(),
  channels: z.array(WarningChannel).max(5).default(['in_app']),
  en: WarningEnglishInput.optional(),
};

export const CreateWarningInput = z
  .object({
    ...DraftFields,
    /** Issuing org (default: the author's own); must lie where the author may draft. */
    orgId: z.uuid().optional(),
  })
  .strict();
export type CreateWarningInput = z.infer<typeof CreateWarningInput>;

export const UpdateWarningInput = z.object({ ...DraftFields, version: z.number().int().min(1).optional() }).strict();
export type UpdateWarningInput = z.infer<typeof UpdateWarningInput>;

export const WarningReasonInput = z.object({ reason: NonEmptyText(500) }).strict();
export type WarningReasonInput = z.infer<typeof WarningReasonInput>;

export const ApproveWarningInput = z
  .object({
    note: Text(500).optional(),
    /** Publish right away after approving (签发即发布). */
    publish: z.boolean().optional(),
  })
  .strict();
export type ApproveWarningInput = z.infer<typeof ApproveWarningInput>;

export const WarningListQuery = ListQuery.extend({
  status: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, '状态格式不正确')
    .refine((s) => s.split(',').every((x) => (WARNING_STATUSES as readonly string[]).includes(x)), '未知状态')
    .optional(),
  colour: WarningColour.optional(),
  typeCode: WarningTypeCode.optional(),
  source: WarningSource.optional(),
  /** Warnings in force at some time in [from, to). */
  from: Iso.optional(),
  to: Iso.optional(),
});
export type WarningListQuery = z.infer<typeof WarningListQuery>;

export const WarningTypeDto = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  colours: z.array(WarningColour),
  /** 防御指南 per allowed colour. */
  guides: z.record(z.string(), z.string()),
});
export type WarningTypeDto = z.infer<typeof WarningTypeDto>;

export const WarningAbilitiesDto = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  reject: z.boolean(),
  publish: z.boolean(),
  cancel: z.boolean(),
  revise: z.boolean(),
});
export type WarningAbilitiesDto = z.infer<typeof WarningAbilitiesDto>;

export const WarningDto = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  source: WarningSource,
  status: WarningStatus,
  typeCode: z.string(),
  typeName: z.string(),
  colour: WarningColour.nullable(),
  headline: z.string(),
  description: z.string(),
  instruction: z.string(),
  en: z.object({ headline: z.string(), description: z.string(), instruction: z.string().optional() }).nullable(),
  area: z.object({
    description: z.string(),
    divisionCodes: z.array(z.string()),
    polygon: GeoJsonPolygon.nullable(),
    circle: z.object({ lng: z.number(), lat: z.number(), radiusKm: z.number() }).nullable(),
  }),
  effective: z.string().nullable(),
  onset: z.string().nullable(),
  expires: z.string().nullable(),
  audience: z.string().nullable(),
  channels: z.array(z.string()),
  version: z.number(),
  previousId: z.string().nullable(),
  identifier: z.string().nullable(),
  sender: z.string().nullable(),
  sent: z.string().nullable(),
  msgType: z.string().nullable(),
  signatureStatus: SignatureStatus.nullable(),
  signer: z.string().nullable(),
  rejectReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdBy: z.string().nullable(),
  submittedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Public URLs of the CAP and GB/T 35965.1 documents (published warnings). */
  capUrl: z.string().nullable(),
  gbUrl: z.string().nullable(),
  abilities: WarningAbilitiesDto.optional(),
});
export type WarningDto = z.infer<typeof WarningDto>;

/** The public portal's view of an active warning (no internal fields). */
export const PublicWarningDto = z.object({
  identifier: z.string(),
  source: WarningSource,
  sender: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  colour: WarningColour.nullable(),
  headline: z.string(),
  description: z.string(),
  instruction: z.string(),
  areaDescription: z.string(),
  sent: z.string(),
  effective: z.string().nullable(),
  expires: z.string().nullable(),
  capUrl: z.string(),
  gbUrl: z.string().nullable(),
});
export type PublicWarningDto = z.infer<typeof PublicWarningDto>;

export const WarningIdentifierParams = z.object({ identifier: z.string().min(1).max(200) }).strict();

// ---- import and feeds ----

export const FEED_KINDS = ['cap', 'atom'] as const;
export const FeedKind = z.enum(FEED_KINDS);

const FeedUrl = z
  .string()
  .trim()
  .max(1000)
  .url('订阅地址应为 http(s) URL')
  .refine((u) => /^https?:\/\//i.test(u), '订阅地址应为 http(s) URL');

const FeedName = Text(100).pipe(
  z
    .string()
    .min(1, '请填写名称')
    .regex(/^[^<>;'"`\\]+$/, '名称不能包含 < > ; \' " 等字符'),
);

export const WarningFeedInput = z
  .object({
    name: FeedName,
    url: FeedUrl,
    kind: FeedKind,
    intervalSeconds: z.number().int().min(60, '间隔不能少于 60 秒').max(86_400, '间隔不能超过 1 天').default(300),
    enabled: z.boolean().default(true),
  })
  .strict();
export type WarningFeedInput = z.infer<typeof WarningFeedInput>;

export const WarningFeedDto = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  kind: FeedKind,
  intervalSeconds: z.number(),
  enabled: z.boolean(),
  lastStatus: z.enum(['ok', 'error']).nullable(),
  lastError: z.string().nullable(),
  lastPolledAt: z.string().nullable(),
  lastItems: z.number().nullable(),
  createdAt: z.string(),
});
export type WarningFeedDto = z.infer<typeof WarningFeedDto>;

export const IMPORT_OUTCOMES = ['created', 'updated', 'cancelled', 'duplicate', 'rejected'] as const;
export const ImportOutcome = z.enum(IMPORT_OUTCOMES);
export type ImportOutcome = z.infer<typeof ImportOutcome>;

/** What happened to one imported alert. */
export const WarningImportResultDto = z.object({
  outcome: ImportOutcome,
  identifier: z.string().nullable(),
  sender: z.string().nullable(),
  signatureStatus: SignatureStatus.nullable(),
  warningId: z.string().nullable(),
  error: z.string().nullable(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type WarningImportResultDto = z.infer<typeof WarningImportResultDto>;

/** Events the warnings module emits (`warning.<past tense>`). */
export const WARNING_EVENTS = {
  drafted: 'warning.drafted',
  edited: 'warning.edited',
  submitted: 'warning.submitted',
  approved: 'warning.approved',
  rejected: 'warning.rejected',
  published: 'warning.published',
  superseded: 'warning.superseded',
  cancelled: 'warning.cancelled',
  expired: 'warning.expired',
  imported: 'warning.imported',
} as const;

export interface WarningEventPayload {
  warningId: string;
  orgId: string;
  status: WarningStatus;
  colour: WarningColour | null;
  typeCode: string;
  headline: string;
  source: WarningSource;
  identifier: string | null;
}
