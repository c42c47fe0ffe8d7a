import type { AdminKind, Permission } from '@vigil/shared';

/** A set of permissions that apply within one org subtree (ltree path). */
export interface Grant {
  roleId: string;
  permissions: ReadonlySet<string>;
  scopePath: string;
}

/** Who is acting: a signed-in user, a machine token, the system itself, or nobody. */
export interface Actor {
  kind: 'user' | 'token' | 'system' | 'anonymous';
  userId: string | null;
  username: string | null;
  displayName: string | null;
  orgId: string | null;
  orgPath: string | null;
  grants: readonly Grant[];
  adminKind: AdminKind | null;
  sessionId: string | null;
  tokenId: string | null;
}

export const ANONYMOUS: Actor = {
  kind: 'anonymous',
  userId: null,
  username: null,
  displayName: null,
  orgId: null,
  orgPath: null,
  grants: [],
  adminKind: null,
  sessionId: null,
  tokenId: null,
};

/** The actor used by the worker and seeders: every permission, everywhere. */
export const SYSTEM_ACTOR: Actor = { ...ANONYMOUS, kind: 'system', username: 'system', displayName: '系统' };

/** True when `path` equals `ancestor` or lies below it (ltree `<@`). */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/** Whether the actor holds the permission anywhere. */
export function hasPermission(actor: Actor, perm: Permission): boolean {
  if (actor.kind === 'system') return true;
  return actor.grants.some((g) => g.permissions.has(perm));
}

/** Whether the actor holds the permission for a row owned by the org at `orgPath`. */
export function hasPermissionIn(actor: Actor, perm: Permission, orgPath: string): boolean {
  if (actor.kind === 'system') return true;
  return actor.grants.some((g) => g.permissions.has(perm) && isWithin(orgPath, g.scopePath));
}

/** Org subtrees where the actor holds `perm`, minimised (no path inside another). Empty = nowhere. */
export function scopePaths(actor: Actor, perm: Permission): string[] {
  const paths = actor.grants.filter((g) => g.permissions.has(perm)).map((g) => g.scopePath);
  return paths.filter((p, i) => !paths.some((q, j) => j !== i && isWithin(p, q) && (p !== q || j < i)));
}

/** Whether the actor may see anything of an org at `orgPath` (its own subtree). */
export function canSeeOrg(actor: Actor, orgPath: string): boolean {
  if (actor.kind === 'system') return true;
  if (actor.orgPath && isWithin(orgPath, actor.orgPath)) return true;
  return actor.grants.some((g) => isWithin(orgPath, g.scopePath));
}

/** All permissions the actor holds, sorted. */
export function permissionList(actor: Actor): string[] {
  const s = new Set<string>();
  for (const g of actor.grants) for (const p of g.permissions) s.add(p);
  return [...s].sort();
}
