import { z } from 'zod';

/**
 * Telemetry ingestion (监测数据接入): the device protocol's limits, the reasons a reading is
 * refused (dead letter), and the HTTP answer. The protocol itself is described in
 * docs/device-protocol.md.
 */

/** MQTT topic a device publishes its readings to: `vigil/telemetry/{deviceCode}`. */
export const TELEMETRY_TOPIC_PREFIX = 'vigil/telemetry/';
/** Where a device receives warnings for its area (it may subscribe to its own topic only). */
export const ALERT_TOPIC_PREFIX = 'vigil/alert/';
/** Most readings (metric values) one message or one HTTP request may carry. */
export const TELEMETRY_MAX_READINGS = 1000;
/** Readings dated further ahead than this are refused (device clock wrong). */
export const TELEMETRY_MAX_FUTURE_MS = 5 * 60_000;
/** Readings older than this are refused (a device replaying a very old buffer). */
export const TELEMETRY_MAX_AGE_MS = 7 * 86_400_000;

/** Why a message or a reading was refused; stored in `reading_dead_letter.reason`. */
export const TELEMETRY_REJECT_REASONS = {
  malformed_json: { zh: '消息不是合法的 JSON', en: 'Message is not valid JSON' },
  not_object: { zh: '消息须为对象或对象数组', en: 'Message must be an object or an array of objects' },
  too_many_readings: {
    zh: `单条消息读数超过 ${TELEMETRY_MAX_READINGS} 个`,
    en: `More than ${TELEMETRY_MAX_READINGS} readings in one message`,
  },
  bad_values: { zh: 'values 缺失或不是对象', en: '`values` is missing or not an object' },
  unknown_device: { zh: '未知设备', en: 'Unknown device' },
  device_disabled: { zh: '设备已停用或报废', en: 'Device is disabled or retired' },
  forbidden_topic: { zh: '设备无权向该主题发布', en: 'The device may not publish to this topic' },
  bad_timestamp: { zh: '时间戳无效（须为带时区的 ISO-8601 或毫秒时间戳）', en: 'Invalid timestamp (ISO-8601 with zone or epoch ms)' },
  future_timestamp: { zh: '时间戳超前当前时间 5 分钟以上', en: 'Timestamp more than 5 minutes in the future' },
  stale_timestamp: { zh: '时间戳早于 7 天前', en: 'Timestamp older than 7 days' },
  unknown_metric: { zh: '设备没有该测点', en: 'The device has no such metric' },
  point_disabled: { zh: '测点已停用', en: 'The point is disabled' },
  not_numeric: { zh: '数值不是数字（开关量测点可用 true/false）', en: 'Value is not a number (booleans only for state points)' },
  out_of_range: { zh: '数值超出测点量程', en: 'Value outside the point’s range' },
} as const;
export type TelemetryRejectReason = keyof typeof TELEMETRY_REJECT_REASONS;
export const TelemetryRejectReason = z.enum(Object.keys(TELEMETRY_REJECT_REASONS) as [TelemetryRejectReason, ...TelemetryRejectReason[]]);

/** One refused item of an HTTP batch: `index` is the item's position in the array (0 for an object body). */
export const TelemetryRejection = z.object({
  index: z.number().int().min(0),
  metric: z.string().nullable(),
  reason: TelemetryRejectReason,
  message: z.string(),
});
export type TelemetryRejection = z.infer<typeof TelemetryRejection>;

/** `202` answer of `POST /telemetry`: sent only once the accepted readings are durably stored. */
export const TelemetryAccepted = z.object({
  accepted: z.number().int().min(0),
  rejected: z.number().int().min(0),
  rejections: z.array(TelemetryRejection),
});
export type TelemetryAccepted = z.infer<typeof TelemetryAccepted>;

/** A refused message or reading, as listed for operators. */
export const DeadLetterDto = z.object({
  id: z.number().int(),
  receivedAt: z.string(),
  transport: z.enum(['mqtt', 'http']),
  deviceCode: z.string().nullable(),
  deviceId: z.string().nullable(),
  metric: z.string().nullable(),
  reason: z.string(),
  detail: z.string().nullable(),
  payload: z.string().nullable(),
});
export type DeadLetterDto = z.infer<typeof DeadLetterDto>;

export const DeadLetterListQuery = z
  .object({
    deviceId: z.uuid().optional(),
    reason: TelemetryRejectReason.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z
      .string()
      .regex(/^\d{1,18}$/, '游标格式不正确')
      .optional(),
  })
  .strict();
export type DeadLetterListQuery = z.infer<typeof DeadLetterListQuery>;

/** What the ingestion service of this instance has done since it started (`GET /monitoring/ingest/status`). */
export const IngestStatusDto = z.object({
  running: z.boolean(),
  transport: z.enum(['embedded', 'external', 'none']).nullable(),
  mqttPort: z.number().int().nullable(),
  mqttUrl: z.string().nullable(),
  connectedDevices: z.number().int(),
  acceptedReadings: z.number().int(),
  rejectedReadings: z.number().int(),
  storedReadings: z.number().int(),
  pendingReadings: z.number().int(),
  flushes: z.number().int(),
  lastFlushMs: z.number().nullable(),
  flushErrors: z.number().int(),
  directoryDevices: z.number().int(),
  startedAt: z.string().nullable(),
});
export type IngestStatusDto = z.infer<typeof IngestStatusDto>;
