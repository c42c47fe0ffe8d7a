import type { LoginInput, LoginResult, StageResult } from '@vigil/shared';
import { api } from '../../lib/api';

/** What a login step answers: the next stage, and a CSRF token when the step issues one (the password step). */
export type StepResult = StageResult & { csrfToken?: string };

/** The QR code and secret for enrolling an authenticator app. */
export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

// Login steps answer 401 for a wrong password/code: the step shows it instead of redirecting.
const post = <T>(path: string, body: unknown) => api<T>(path, { method: 'POST', body, allow401: true });

export const login = (input: LoginInput) => post<LoginResult>('/auth/login', input);
export const verifyTotp = (code: string) => post<StageResult>('/auth/totp', { code });
export const fetchTotpSetup = () => api<TotpSetup>('/auth/totp/setup', { allow401: true });
export const enrollTotp = (code: string) => post<StageResult>('/auth/totp/enroll', { code });
export const disableTotp = (code: string) => api<unknown>('/auth/totp', { method: 'DELETE', body: { code } });
export const changePassword = (currentPassword: string, newPassword: string) =>
  post<StageResult>('/auth/password', { currentPassword, newPassword });
export const logout = () => api<void>('/auth/logout', { method: 'POST', allow401: true });

/** The password rules in force (public), for the hint shown when choosing a new password. */
export interface PasswordRules {
  minLength: number;
  minClasses: number;
  history: number;
  maxAgeDays: number;
}
export const fetchPasswordRules = () => api<PasswordRules>('/auth/password-rules', { allow401: true });
