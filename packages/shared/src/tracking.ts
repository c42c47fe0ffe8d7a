import { z } from 'zod';
import { ListQuery, NonEmptyText, Page } from './common.js';

/**
 * Field positions (现场力量定位): trackers carried by rescue teams and vehicles report positions
 * over MQTT (`vigil/track/{trackerCode}`, JSON) or HTTP; team members share their phone's position
 * from the task page. The command room sees every unit live, with its recent track; a unit that
 * has not reported for a while is shown greyed (stale).
 */

/** MQTT topic a tracker publishes its positions to, followed by its code. */
export const TRACK_TOPIC_PREFIX = 'vigil/track/';
/** Realtime topic of position updates. */
export const TRACKING_TOPIC = 'tracking';
export const TRACKING_EVENTS = {
  position: 'tracking.position',
  trackerChanged: 'tracking.tracker_changed',
} as const;
/** At most this many positions in one HTTP or MQTT message (a tracker's buffer after a dead zone). */
export const TRACK_MAX_POSITIONS = 500;

export const TrackerSubjectKind = z.enum(['team', 'equipment', 'user']);
export type TrackerSubjectKind = z.infer<typeof TrackerSubjectKind>;
export const TRACKER_SUBJECT_ZH: Record<TrackerSubjectKind, string> = { team: '救援队伍', equipment: '装备车辆', user: '人员' };

export const TrackerKind = z.enum(['device', 'phone']);
export type TrackerKind = z.infer<typeof TrackerKind>;

export const TrackerStatus = z.enum(['active', 'disabled']);
export type TrackerStatus = z.infer<typeof TrackerStatus>;

/**
 * One position as a tracker sends it: WGS84 `lng`/`lat`, the fix time as ISO 8601 `at` or epoch
 * milliseconds `ts` (default: when it arrives), speed in km/h, heading in degrees, accuracy in metres.
 * Checked field by field by the server (so that a bad message is recorded with its reason).
 */
export interface PositionReport {
  lng: number;
  lat: number;
  at?: string;
  ts?: number;
  speed?: number;
  heading?: number;
  accuracy?: number;
}

/** Why a position was refused. */
export const TrackRefusalReason = z.enum([
  'malformed',
  'unknown_tracker',
  'too_many_positions',
  'bad_coordinates',
  'outside_china',
  'bad_time',
  'impossible_jump',
  'forbidden_topic',
  'tracker_disabled',
]);
export type TrackRefusalReason = z.infer<typeof TrackRefusalReason>;

export const TRACK_REFUSAL_ZH: Record<TrackRefusalReason, string> = {
  malformed: '报文格式错误',
  unknown_tracker: '未登记的定位终端',
  too_many_positions: `单次最多 ${TRACK_MAX_POSITIONS} 个位置`,
  bad_coordinates: '经纬度缺失或超出范围',
  outside_china: '位置不在中国境内（经纬度是否颠倒？）',
  bad_time: '定位时间无效、超前当前时间或早于 7 天前',
  impossible_jump: '位置跳变不合理（速度超过上限）',
  forbidden_topic: '向其他终端的主题发布',
  tracker_disabled: '定位终端已停用',
};

export const PositionRejection = z.object({
  index: z.number().int(),
  reason: TrackRefusalReason,
  message: z.string(),
});
export type PositionRejection = z.infer<typeof PositionRejection>;

export const PositionsAccepted = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(PositionRejection),
});
export type PositionsAccepted = z.infer<typeof PositionsAccepted>;

/** A team member's phone position (`POST /tracking/me`): the browser's Geolocation fix. */
export const MyPositionInput = z
  .object({
    lng: z.number({ error: '请提供经度' }).min(-180, '经度超出范围').max(180, '经度超出范围'),
    lat: z.number({ error: '请提供纬度' }).min(-90, '纬度超出范围').max(90, '纬度超出范围'),
    accuracy: z.number().min(0).max(100_000).optional(),
    speed: z.number().min(0).max(1_000).optional(),
    heading: z.number().min(0).max(360).optional(),
  })
  .strict();
export type MyPositionInput = z.infer<typeof MyPositionInput>;

export const LastPosition = z.object({
  lng: z.number(),
  lat: z.number(),
  at: z.string(),
  speedKmh: z.number().nullable(),
  heading: z.number().nullable(),
});
export type LastPosition = z.infer<typeof LastPosition>;

export const TrackerDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: TrackerKind,
  subjectKind: TrackerSubjectKind,
  subjectId: z.string().nullable(),
  subjectName: z.string(),
  orgId: z.string(),
  status: TrackerStatus,
  last: LastPosition.nullable(),
  /** No position, or the last one older than the stale threshold. */
  stale: z.boolean(),
  refusedCount: z.number().int(),
  createdAt: z.string(),
  version: z.number().int(),
  abilities: z.object({ manage: z.boolean() }),
});
export type TrackerDto = z.infer<typeof TrackerDto>;

export const TrackerPage = Page(TrackerDto);
export type TrackerPage = z.infer<typeof TrackerPage>;

export const TrackerListQuery = ListQuery.extend({
  subjectKind: TrackerSubjectKind.optional(),
  status: TrackerStatus.optional(),
  stale: z.enum(['true', 'false']).optional(),
});
export type TrackerListQuery = z.infer<typeof TrackerListQuery>;

export const CreateTrackerInput = z
  .object({
    code: z
      .string({ error: '请填写终端编码' })
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{2,63}$/, '终端编码为 3–64 位字母、数字、点、下划线或连字符'),
    name: NonEmptyText(100),
    subjectKind: z.enum(['team', 'equipment'], { error: '请选择绑定对象类型（救援队伍或装备车辆）' }),
    subjectId: z.uuid({ error: '请选择绑定的队伍或装备' }),
  })
  .strict();
export type CreateTrackerInput = z.infer<typeof CreateTrackerInput>;

export const UpdateTrackerInput = z
  .object({
    name: NonEmptyText(100).optional(),
    status: TrackerStatus.optional(),
    version: z.number().int(),
  })
  .strict();
export type UpdateTrackerInput = z.infer<typeof UpdateTrackerInput>;

/** A new tracker or a rotated secret: the secret is shown this once. */
export const TrackerSecretDto = z.object({ tracker: TrackerDto, secret: z.string() });
export type TrackerSecretDto = z.infer<typeof TrackerSecretDto>;

export const LiveUnitDto = z.object({
  trackerId: z.string(),
  name: z.string(),
  kind: TrackerKind,
  subjectKind: TrackerSubjectKind,
  subjectId: z.string().nullable(),
  subjectName: z.string(),
  lng: z.number(),
  lat: z.number(),
  at: z.string(),
  speedKmh: z.number().nullable(),
  heading: z.number().nullable(),
  stale: z.boolean(),
});
export type LiveUnitDto = z.infer<typeof LiveUnitDto>;

export const LiveUnitsQuery = z
  .object({
    /** Only units whose last fix is newer than this many hours (default 24). */
    withinHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
  })
  .strict();
export type LiveUnitsQuery = z.infer<typeof LiveUnitsQuery>;

export const LiveUnitsDto = z.object({ items: z.array(LiveUnitDto), staleAfterSeconds: z.number().int(), now: z.string() });
export type LiveUnitsDto = z.infer<typeof LiveUnitsDto>;

export const TrackQuery = z
  .object({
    from: z.iso.datetime({ offset: true, error: '起始时间格式应为 ISO 8601' }).optional(),
    to: z.iso.datetime({ offset: true, error: '结束时间格式应为 ISO 8601' }).optional(),
  })
  .strict();
export type TrackQuery = z.infer<typeof TrackQuery>;

export const TrackPointDto = z.object({ lng: z.number(), lat: z.number(), at: z.string(), speedKmh: z.number().nullable() });
export const TrackDto = z.object({
  trackerId: z.string(),
  from: z.string(),
  to: z.string(),
  points: z.array(TrackPointDto),
  /** The track was cut to the most recent points. */
  truncated: z.boolean(),
});
export type TrackDto = z.infer<typeof TrackDto>;

export const TrackRefusalDto = z.object({
  id: z.string(),
  at: z.string(),
  trackerCode: z.string().nullable(),
  trackerId: z.string().nullable(),
  source: z.enum(['mqtt', 'http', 'phone']),
  reason: TrackRefusalReason,
  message: z.string(),
});
export type TrackRefusalDto = z.infer<typeof TrackRefusalDto>;
export const TrackRefusalPage = Page(TrackRefusalDto);
export type TrackRefusalPage = z.infer<typeof TrackRefusalPage>;
export const TrackRefusalQuery = ListQuery.extend({ trackerId: z.uuid().optional() });
export type TrackRefusalQuery = z.infer<typeof TrackRefusalQuery>;
