import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;
import type { SecurityPolicy } from '@vigil/shared';

/** argon2id with OWASP-recommended parameters (19 MiB, 2 iterations). */
export async function hashPassword(pw: string): Promise<string> {
  return hash(pw, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}

/** Character classes present: lower, upper, digit, other. */
export function characterClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
}

/** Problems with a new password under the policy, in Chinese; empty when acceptable. */
export function passwordProblems(pw: string, policy: SecurityPolicy, username?: string): string[] {
  const out: string[] = [];
  if (pw.length < policy.passwordMinLength) out.push(`密码长度至少 ${policy.passwordMinLength} 位`);
  if (characterClasses(pw) < policy.passwordMinClasses)
    out.push(`密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.passwordMinClasses} 类`);
  if (username && pw.toLowerCase().includes(username.toLowerCase())) out.push('密码不能包含用户名');
  return out;
}
