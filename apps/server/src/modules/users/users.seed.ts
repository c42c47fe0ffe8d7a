import { BUILTIN_ROLES } from '@vigil/shared';
import type { Platform } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import type { DemoContext } from '../../platform/module.js';
import { findOrgByCode } from '../orgs/index.js';
import { hashPassword } from './password.js';
import {
  addPasswordHistory,
  findUserByUsername,
  grantRole,
  insertUser,
  revokeUserSessions,
  setDemoPassword,
  upsertBuiltinRole,
} from './users.repository.js';

/** Keeps the built-in roles in step with the catalogue in packages/shared. */
export async function seedBuiltinRoles(platform: Platform): Promise<void> {
  for (const r of BUILTIN_ROLES) {
    await upsertBuiltinRole(platform.db, {
      id: r.id,
      name_zh: r.zh,
      name_en: r.en,
      admin_kind: r.adminKind,
      permissions: [...r.permissions],
    });
  }
}

const DEMO_ORG_FOR: Record<string, string> = {
  enterprise: 'qz_quangang_ent1',
  teamlead: 'qz_rescue_1',
};

/** One demo account per built-in role (plus a county duty officer), all with the demo password. */
export async function seedDemoUsers(platform: Platform, demo: DemoContext): Promise<void> {
  const db = platform.db;
  const accounts = [
    ...BUILTIN_ROLES.map((r) => ({
      username: r.demoUser,
      display: `${r.zh}（演示）`,
      role: r.id,
      roleName: r.zh,
      org: DEMO_ORG_FOR[r.demoUser] ?? 'qz',
    })),
    { username: 'duty-jinjiang', display: '晋江值班员（演示）', role: 'duty_officer', roleName: '值班员', org: 'qz_jinjiang' },
  ];
  const pwHash = await hashPassword(demo.password);
  const now = platform.clock.now();
  for (const a of accounts) {
    const org = await findOrgByCode(db, a.org);
    if (!org) continue;
    demo.accounts.push({ username: a.username, role: a.roleName, org: org.name });
    const existing = await findUserByUsername(db, a.username);
    if (existing) {
      // DEMO_PASSWORD changed since the last start: demo accounts follow it (and old sessions end).
      if (demo.passwordChanged && existing.is_demo) {
        await setDemoPassword(db, existing.id, pwHash, now);
        await revokeUserSessions(db, existing.id, now);
      }
      continue;
    }
    const user = await insertUser(db, {
      id: newId(),
      username: a.username,
      display_name: a.display,
      org_id: org.id,
      org_path: org.path,
      phone: null,
      email: null,
      password_hash: pwHash,
      password_changed_at: now,
      must_change_password: false,
      is_demo: true,
      locked_until: null,
      totp_secret: null,
      totp_last_step: null,
      last_login_at: null,
    });
    await addPasswordHistory(db, user.id, pwHash);
    await grantRole(db, { user_id: user.id, role_id: a.role, scope_org_id: org.id, scope_path: org.path, granted_by: null });
  }
}
