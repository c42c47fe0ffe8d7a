import { BUILTIN_ROLES } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { entryForPath, firstPath, menuFor, parentKeys, type MenuNode } from './menu';

const keys = (nodes: MenuNode[]): string[] => nodes.flatMap((n) => [n.key, ...keys(n.children ?? [])]);
const permsOf = (roleId: string) => [...BUILTIN_ROLES.find((r) => r.id === roleId)!.permissions];
const RESOURCE_ENTRIES = [
  'res-team',
  'res-expert',
  'res-warehouse',
  'res-shelter',
  'res-equipment',
  'res-hazard',
  'res-target',
  'stock-alerts',
];

/** The monitoring group's entries a holder of monitoring.read sees. */
const MONITORING_ENTRIES = ['mon-dashboard', 'mon-alarms', 'mon-rules', 'mon-escalation', 'mon-stats', 'mon-devices', 'mon-installations'];

describe('menu by permission', () => {
  it('gives a duty officer the One Map, incidents, reports, the duty desk, the resources and their account, and no administration', () => {
    const menu = menuFor(permsOf('duty_officer'));
    expect(keys(menu)).toEqual([
      'map',
      'incidents',
      'reports',
      'duty',
      'warnings',
      'plans',
      'tracking',
      'monitoring',
      ...MONITORING_ENTRIES,
      'resources',
      ...RESOURCE_ENTRIES,
      'account',
    ]);
    expect(firstPath(menu)).toBe('/map');
  });

  it('gives each of the three administrators only their own pages', () => {
    expect(keys(menuFor(permsOf('system_admin')))).toEqual(['admin', 'orgs', 'users', 'roles', 'tokens', 'account']);
    expect(keys(menuFor(permsOf('security_admin')))).toEqual(['admin', 'orgs', 'users', 'roles', 'security', 'account']);
    expect(keys(menuFor(permsOf('audit_admin')))).toEqual(['admin', 'orgs', 'users', 'audit', 'account']);
    expect(firstPath(menuFor(permsOf('audit_admin')))).toBe('/admin/orgs');
  });

  it('shows the resources group (seven registries and stock alerts) only with resource.read', () => {
    expect(keys(menuFor(['resource.read']))).toEqual(['resources', ...RESOURCE_ENTRIES, 'account']);
    expect(keys(menuFor(['map.read']))).not.toContain('resources');
    expect(entryForPath('/resources/warehouse/0190f1a2-0000-7000-8000-000000000001/stock')?.key).toBe('res-warehouse');
    expect(parentKeys('stock-alerts')).toEqual(['resources']);
  });

  it('shows My tasks to task.update holders: the rescue team leader works tasks from the menu', () => {
    expect(keys(menuFor(permsOf('team_leader')))).toEqual(['map', 'tracking', 'my-tasks', 'resources', ...RESOURCE_ENTRIES, 'account']);
    expect(keys(menuFor(permsOf('commander')))).toContain('my-tasks');
    expect(keys(menuFor(['command.read']))).not.toContain('my-tasks');
  });

  it('shows the assessments (应急评估) to those who launch responses and evaluate them', () => {
    expect(keys(menuFor(permsOf('commander')))).toContain('assessments');
    expect(keys(menuFor(['command.read']))).not.toContain('assessments');
    expect(entryForPath('/assessments/0190f1a2-0000-7000-8000-000000000001')?.key).toBe('assessments');
  });

  it('keeps My account for a user without any permission and drops empty groups', () => {
    const menu = menuFor([]);
    expect(keys(menu)).toEqual(['account']);
    expect(firstPath(menu)).toBe('/account');
  });

  it('finds the entry of a nested location and the group to open', () => {
    expect(entryForPath('/admin/users')?.key).toBe('users');
    expect(entryForPath('/admin/users/123')?.key).toBe('users');
    expect(entryForPath('/admin')).toBeUndefined();
    expect(parentKeys('audit')).toEqual(['admin']);
    expect(parentKeys('map')).toEqual([]);
    expect(entryForPath('/incidents/new')?.key).toBe('incidents');
    expect(entryForPath('/duty/checks/123')?.key).toBe('duty');
    expect(entryForPath('/plans/123/diff')?.key).toBe('plans');
    expect(entryForPath('/tasks/mine')?.key).toBe('my-tasks');
    expect(entryForPath('/tracking')?.key).toBe('tracking');
  });
});
