import type { Permission } from '@vigil/shared';
import { canSeeOrg, hasPermissionIn, isWithin, type Actor } from '../../platform/auth/actor.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import type { OrgRow } from '../../platform/db/schema.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { findOrg } from '../orgs/index.js';

/**
 * The org a duty request is about (default: the actor's own): 404 when unknown, an audited 404
 * when outside everything the actor may see, 403 when visible but `perm` is not held there.
 */
export async function dutyOrg(ctx: Ctx, orgId: string | undefined, perm: Permission): Promise<OrgRow> {
  const id = orgId ?? ctx.actor.orgId;
  if (!id) invalid('orgId', '请指定单位');
  const org = (await findOrg(ctx.tx, id)) ?? notFound('组织', id);
  if (!canSeeOrg(ctx.actor, org.path) && !hasPermissionIn(ctx.actor, 'duty.read', org.path)) return denyOutOfScope(ctx, 'org', id);
  if (!hasPermissionIn(ctx.actor, perm, org.path)) throw new AppError('FORBIDDEN', `缺少该单位的权限 ${perm}`);
  return org;
}

/** Whether the actor supervises the org: `duty.manage` granted on a strict ancestor (查岗 goes downwards). */
export function supervises(actor: Actor, orgPath: string): boolean {
  if (actor.kind === 'system') return true;
  return actor.grants.some((g) => g.permissions.has('duty.manage') && isWithin(orgPath, g.scopePath) && orgPath !== g.scopePath);
}

/** Whether the viewer sees full phone numbers of the org's duty people. */
export function seesPhones(actor: Actor, orgPath: string): boolean {
  return hasPermissionIn(actor, 'duty.read', orgPath);
}

/** The signed-in user's id; machine tokens and the system have none. */
export function actingUser(ctx: Ctx): string {
  if (!ctx.actor.userId) throw new AppError('FORBIDDEN', '此操作需要以用户身份登录');
  return ctx.actor.userId;
}
