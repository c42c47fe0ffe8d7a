import { ALL_PERMISSIONS, type Permission } from '@vigil/shared';

/** Permissions of one domain (`incident.*`, `org.*` …), in catalogue order. */
export interface PermissionGroup {
  domain: string;
  permissions: Permission[];
}

/** The domain of a permission: the part before the first dot. */
export function domainOf(p: string): string {
  const i = p.indexOf('.');
  return i < 0 ? p : p.slice(0, i);
}

/** Groups permissions by domain, keeping the catalogue's order of domains and of permissions within each. */
export function groupPermissions(perms: readonly Permission[] = ALL_PERMISSIONS): PermissionGroup[] {
  const groups = new Map<string, Permission[]>();
  for (const p of perms) {
    const d = domainOf(p);
    groups.set(d, [...(groups.get(d) ?? []), p]);
  }
  return [...groups].map(([domain, permissions]) => ({ domain, permissions }));
}

/** A group's check state for a "select all" box. */
export function groupState(group: PermissionGroup, selected: readonly string[]): 'none' | 'some' | 'all' {
  const n = group.permissions.filter((p) => selected.includes(p)).length;
  return n === 0 ? 'none' : n === group.permissions.length ? 'all' : 'some';
}

/** Selects or clears all permissions of a group, leaving the others as they are. */
export function toggleGroup(group: PermissionGroup, selected: readonly string[], on: boolean): string[] {
  const rest = selected.filter((p) => !group.permissions.includes(p as Permission));
  return on ? [...rest, ...group.permissions] : rest;
}
