import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Environment variables Vigil reads at boot. Keep README.md and .env.example in step with this. */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  NATS_URL: z
    .string()
    .regex(/^(nats|tls):\/\//, 'must be a nats:// URL')
    .optional(),
  VIGIL_PROFILE: z.enum(['command', 'extranet', 'internet']).default('command'),
  ROLES: z
    .string()
    .default('api,ingest,worker')
    .transform((s) => s.split(',').map((r) => r.trim()))
    .pipe(z.array(z.enum(['api', 'ingest', 'worker'])).min(1)),
  SEED_DEMO: bool.optional(),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BASEMAP_URL: z.string().url().optional(),
  BASEMAP_ATTRIBUTION: z.string().optional(),
  AUDIT_HMAC_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** 32-byte key (64 hex characters or base64) sealing secrets at rest; unset: DATA_DIR/secret.key, created on first use. */
  VIGIL_SECRET_KEY: z
    .string()
    .refine((s) => /^[0-9a-fA-F]{64}$/.test(s) || (/^[A-Za-z0-9+/_-]{43}=?$/.test(s) && Buffer.from(s, 'base64').length === 32), {
      message: 'must be 32 bytes as 64 hex characters or base64',
    })
    .optional(),
  COOKIE_SECURE: bool.default(false),
  TRUST_PROXY: bool.default(false),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /** Requests per minute and client address to the public portal's /public/* routes (generous: many people share one address). */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Issuing bureau shown in the public portal's header (e.g. 泉州市应急管理局); unset: the portal's default title. */
  PORTAL_BUREAU_NAME: z.string().trim().min(1).max(60).optional(),
  /** How long a resolved session is reused for reads (0 = look it up on every request); any write clears it. */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(10_000).default(2_000),
  /** How long an org list (every org picker) is reused (0 = read every time); any org change clears it on every instance. */
  ORG_LIST_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  /** PEM private key and certificate signing published CAP / GB/T 35965.1 XML (XML-DSig); unset = unsigned. */
  CAP_SIGNING_KEY_FILE: z.string().min(1).optional(),
  CAP_SIGNING_CERT_FILE: z.string().min(1).optional(),
  /** 3-digit GB/T 4657 organisation code inside GB/T 35965.1 sender codes and identifiers. */
  CAP_SENDER_ORG_CODE: z
    .string()
    .regex(/^\d{3}$/, 'must be 3 digits')
    .default('000'),
  /** Time limit and size cap of one external warning feed request. */
  WARNING_FEED_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WARNING_FEED_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  /** SMTP server for e-mail dissemination (smtp:// or smtps://, credentials in the URL); unset: e-mail is not configured. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** Sender of dissemination e-mails: an address or `Name <address>`. */
  SMTP_FROM: z.string().trim().min(3).max(200).default('Vigil <noreply@vigil.local>'),
  /** SMS adapter: `log` (development: messages only written to the log) or `http` (the generic HTTP SMS gateway). */
  SMS_ADAPTER: z.enum(['log', 'http']).default('log'),
  /** The HTTP SMS gateway: JSON POST {to, text, id} with `Authorization: Bearer SMS_GATEWAY_TOKEN`. */
  SMS_GATEWAY_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL')
    .optional(),
  /** Shared token of the SMS gateway: sent with each message and required on its delivery receipts. */
  SMS_GATEWAY_TOKEN: z.string().min(16, 'must be at least 16 characters').max(500).optional(),
  /** Attempts per delivery before it is marked failed (back-off doubles from 30 s, at most 1 h). */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Time limit of one outgoing SMS gateway, webhook or SMTP exchange. */
  NOTIFY_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Port of the embedded MQTT broker (device telemetry); 0 = no embedded broker. Ignored when MQTT_URL is set. */
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
  /** External MQTT broker (Mosquitto, EMQX) to subscribe to instead of embedding one; device auth and ACL are then the broker's job. */
  MQTT_URL: z
    .string()
    .regex(/^(mqtts?|tcp|ssl|wss?):\/\/[^\s]+$/, 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
    .optional(),
  /** Client id of the persistent session on the external broker (one per ingest instance). */
  MQTT_CLIENT_ID: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'letters, digits, _ . - only (at most 64)')
    .default('vigil-ingest'),
  /** Account of the ingest service on the external broker (its ACL must allow reading vigil/telemetry/#). */
  MQTT_USERNAME: z.string().min(1).max(200).optional(),
  MQTT_PASSWORD: z.string().min(1).max(500).optional(),
  /** Shared-subscription group for several ingest instances on one external broker ($share/<group>/…); unset: a plain subscription. */
  MQTT_SHARED_GROUP: z
    .string()
    .regex(/^[\w-]{1,64}$/, 'letters, digits, _ - only')
    .optional(),
  /** Days raw readings are kept (whole day partitions dropped after); the regulation requires at least 30. */
  TELEMETRY_RAW_RETENTION_DAYS: z.coerce.number().int().min(30, 'at least 30 days (regulatory minimum)').max(3650).default(30),
  /** Days hourly min/max/avg rollups are kept. */
  TELEMETRY_HOURLY_RETENTION_DAYS: z.coerce.number().int().min(30).max(36_500).default(730),
  /** Longest time accepted readings wait before they are written (and acknowledged) in one batch. */
  TELEMETRY_FLUSH_MS: z.coerce.number().int().min(5).max(500, 'at most 500 ms').default(200),
  /** Readings per write batch: a fuller buffer is written at once, without waiting for TELEMETRY_FLUSH_MS. */
  TELEMETRY_BATCH_MAX: z.coerce.number().int().min(100).max(100_000).default(10_000),
  /** Readings waiting for storage above which HTTP ingestion answers 503 (back-pressure while the database lags). */
  TELEMETRY_MAX_PENDING: z.coerce.number().int().min(1000).max(10_000_000).default(200_000),
  /** A field unit whose last position is older than this is shown greyed (stale) on the map. */
  TRACK_STALE_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  /** Position reports implying a faster movement than this since the previous fix are refused. */
  TRACK_MAX_SPEED_KMH: z.coerce.number().int().min(50).max(2_000).default(300),
  /** Days field positions are kept. */
  TRACK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(90),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError naming every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.keys(ConfigSchema.shape).flatMap((k) => {
      const v = env[k];
      return v === undefined || v === '' ? [] : [[k, v]];
    }),
  );
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(cleaned[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Demo data is seeded on embedded storage by default, on PostgreSQL only when SEED_DEMO=true. */
export function shouldSeedDemo(c: Config): boolean {
  return c.SEED_DEMO ?? !c.DATABASE_URL;
}
