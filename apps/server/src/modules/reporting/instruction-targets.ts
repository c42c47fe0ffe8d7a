import type { InstructionTargetInput } from '@vigil/shared';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import { invalid } from '../../platform/errors.js';
import { orgsByIds, usersByIds } from './instructions.repository.js';
import { orgTargetPeople } from './recipients.js';

export interface ResolvedTarget {
  userId: string | null;
  orgId: string;
  orgPath: string;
  name: string;
  /** Who is told now: the named person, or the org's on-duty officers and staff holding `incident.update`. */
  people: string[];
}

/**
 * Checks the targets of an instruction: each named user or org must exist, be active and lie within
 * what the author may see; none may repeat. Field errors name the offending entry.
 */
export async function resolveTargets(ctx: Ctx, targets: readonly InstructionTargetInput[]): Promise<ResolvedTarget[]> {
  const key = (t: InstructionTargetInput) => (t.userId ? `u:${t.userId}` : `o:${t.orgId}`);
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    if (seen.has(key(t))) invalid(`targets.${i}`, '批示对象重复');
    seen.add(key(t));
  });
  const userIds = targets.flatMap((t) => (t.userId ? [t.userId] : []));
  const orgIds = targets.flatMap((t) => (t.orgId ? [t.orgId] : []));
  const users = new Map((await usersByIds(ctx.tx, userIds)).map((u) => [u.id, u]));
  const orgs = new Map((await orgsByIds(ctx.tx, orgIds)).map((o) => [o.id, o]));
  const visible = (path: string) => hasPermissionIn(ctx.actor, 'incident.read', path);
  const out: ResolvedTarget[] = [];
  for (const [i, t] of targets.entries()) {
    if (t.userId) {
      const u = users.get(t.userId);
      if (!u || !visible(u.org_path)) invalid(`targets.${i}.userId`, '用户不存在或不在您的管辖范围内');
      out.push({ userId: u.id, orgId: u.org_id, orgPath: u.org_path, name: `${u.display_name}（${u.org_name}）`, people: [u.id] });
    } else {
      const o = t.orgId ? orgs.get(t.orgId) : undefined;
      if (!o || !visible(o.path)) invalid(`targets.${i}.orgId`, '单位不存在或不在您的管辖范围内');
      out.push({ userId: null, orgId: o.id, orgPath: o.path, name: o.name, people: await orgTargetPeople(ctx.tx, o.id, ctx.now) });
    }
  }
  return out;
}
