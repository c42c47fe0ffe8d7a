import { z } from 'zod';
import { Locale } from './common.js';

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
export const TotpSetupDto = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });

export const ChangePasswordInput = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) })
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

export const CreateApiTokenInput = z
  .object({
    name: z.string().trim().min(1).max(80),
    userId: z.uuid(),
    permissions: z.array(z.string().max(60)).min(1).max(50),
    expiresInDays: z.number().int().min(1).max(730).nullable().default(365),
  })
  .strict();
