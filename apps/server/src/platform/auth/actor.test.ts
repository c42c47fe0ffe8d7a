import { describe, expect, it } from 'vitest';
import { ANONYMOUS, hasPermission, hasPermissionIn, isWithin, scopePaths, SYSTEM_ACTOR, type Actor } from './actor.js';

const actor = (grants: { perms: string[]; scope: string }[]): Actor => ({
  ...ANONYMOUS,
  kind: 'user',
  userId: 'u',
  orgPath: 'p.c',
  grants: grants.map((g, i) => ({ roleId: `r${i}`, permissions: new Set(g.perms), scopePath: g.scope })),
});

describe('org scope', () => {
  it('treats a path as within itself and its ancestors only', () => {
    expect(isWithin('p.c.k1', 'p.c')).toBe(true);
    expect(isWithin('p.c', 'p.c')).toBe(true);
    expect(isWithin('p.c2', 'p.c')).toBe(false);
    expect(isWithin('p', 'p.c')).toBe(false);
  });

  it('grants a permission only inside the grant scope', () => {
    const a = actor([{ perms: ['incident.read'], scope: 'p.c.k1' }]);
    expect(hasPermission(a, 'incident.read')).toBe(true);
    expect(hasPermissionIn(a, 'incident.read', 'p.c.k1.t1')).toBe(true);
    expect(hasPermissionIn(a, 'incident.read', 'p.c.k2')).toBe(false);
    expect(hasPermissionIn(a, 'incident.update', 'p.c.k1')).toBe(false);
  });

  it('minimises scope paths', () => {
    const a = actor([
      { perms: ['incident.read'], scope: 'p.c.k1' },
      { perms: ['incident.read'], scope: 'p.c' },
      { perms: ['incident.read'], scope: 'p.c' },
      { perms: ['incident.read'], scope: 'p.x' },
    ]);
    expect(scopePaths(a, 'incident.read')).toEqual(['p.c', 'p.x']);
    expect(scopePaths(a, 'duty.read')).toEqual([]);
  });

  it('lets the system actor do anything and the anonymous actor nothing', () => {
    expect(hasPermissionIn(SYSTEM_ACTOR, 'audit.read', 'x')).toBe(true);
    expect(hasPermission(ANONYMOUS, 'region.read')).toBe(false);
  });
});
