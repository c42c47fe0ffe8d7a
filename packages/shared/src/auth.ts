import { z } from 'zod';
import { Locale, Page } from './common.js';

export const LoginInput = z
  .object({ username: z.string().trim().min(1, '请输入用户名').max(60), password: z.string().min(1, '请输入密码').max(200) })
  .strict();
export type LoginInput = z.infer<typeof LoginInput>;

/** What a session may do next: only `active` sessions reach business routes. */
export const SessionStage = z.enum(['active', 'totp', 'totp_enroll', 'password_change']);
export type SessionStage = z.infer<typeof SessionStage>;

export const LoginResult = z.object({ stage: SessionStage, csrfToken: z.string() });
export type LoginResult = z.infer<typeof LoginResult>;

export const TotpInput = z.object({ code: z.string().regex(/^\d{6}$/, '请输入 6 位动态口令') }).strict();
export type TotpInput = z.infer<typeof TotpInput>;
/** A pending TOTP secret to scan (shown once per setup request). */
export const TotpSetupDto = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export type TotpSetupDto = z.infer<typeof TotpSetupDto>;

/** Where the login continues after a step (TOTP, password change). */
export const StageResult = z.object({ stage: SessionStage });
export type StageResult = z.infer<typeof StageResult>;

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, '请输入当前密码').max(200, '密码过长'),
    newPassword: z.string().min(1, '请输入新密码').max(200, '密码过长'),
  })
  .strict();
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const MeDto = z.object({
  stage: SessionStage,
  csrfToken: z.string(),
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    locale: Locale,
    totpEnabled: z.boolean(),
    passwordExpiresAt: z.string().nullable(),
    isDemo: z.boolean(),
  }),
  org: z.object({ id: z.uuid(), name: z.string(), kind: z.string(), path: z.string(), divisionCode: z.string().nullable() }),
  roles: z.array(z.object({ id: z.string(), name: z.string(), adminKind: z.string().nullable() })),
  permissions: z.array(z.string()),
});
export type MeDto = z.infer<typeof MeDto>;

export const UpdateMeInput = z.object({ locale: Locale }).strict();

export const SessionDto = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionDto = z.infer<typeof SessionDto>;
export const SessionList = z.object({ items: z.array(SessionDto) });
/** Session ids are the SHA-256 (hex) of the cookie token. */
export const SessionIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, '会话编号无效') }).strict();

export const SecurityPolicy = z
  .object({
    passwordMinLength: z.number().int().min(8).max(64),
    passwordMinClasses: z.number().int().min(3).max(4),
    passwordHistory: z.number().int().min(1).max(24),
    passwordMaxAgeDays: z.number().int().min(1).max(365),
    lockoutThreshold: z.number().int().min(3).max(10),
    lockoutMinutes: z.number().int().min(1).max(1440),
    idleTimeoutMinutes: z.number().int().min(5).max(120),
    absoluteTimeoutHours: z.number().int().min(1).max(24),
  })
  .strict();
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  passwordHistory: 5,
  passwordMaxAgeDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleTimeoutMinutes: 30,
  absoluteTimeoutHours: 12,
};

export const ApiTokenDto = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  userId: z.uuid(),
  username: z.string(),
  permissions: z.array(z.string()),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiTokenDto = z.infer<typeof ApiTokenDto>;

export const ApiTokenPage = Page(ApiTokenDto);

export const CreateApiTokenInput = z
  .object({
    name: z.string().trim().min(1, '请输入令牌名称').max(80, '名称最多 80 个字符'),
    userId: z.uuid('用户编号无效'),
    permissions: z.array(z.string().max(60)).min(1, '至少选择一项权限').max(50),
    expiresInDays: z.number().int().min(1, '有效期至少 1 天').max(730, '有效期最多 730 天').nullable().default(365),
  })
  .strict();
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;

/** The new token in clear appears only in this response; the server keeps its SHA-256. */
export const CreatedApiTokenDto = z.object({ token: z.string(), item: ApiTokenDto });
export type CreatedApiTokenDto = z.infer<typeof CreatedApiTokenDto>;
