import { ALL_PERMISSIONS } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { domainOf, groupPermissions, groupState, toggleGroup } from './permission-groups';

describe('permission groups', () => {
  it('groups the whole catalogue by domain without losing or repeating a permission', () => {
    const groups = groupPermissions();
    expect(groups.flatMap((g) => g.permissions)).toHaveLength(ALL_PERMISSIONS.length);
    expect(new Set(groups.map((g) => g.domain)).size).toBe(groups.length);
    expect(groups.find((g) => g.domain === 'incident')?.permissions).toEqual([
      'incident.read',
      'incident.create',
      'incident.update',
      'incident.report',
      'incident.grade',
      'incident.instruct',
    ]);
    expect(groups.find((g) => g.domain === 'expert')?.permissions).toEqual(['expert.contact.read']);
  });

  it('takes the domain before the first dot', () => {
    expect(domainOf('expert.contact.read')).toBe('expert');
    expect(domainOf('odd')).toBe('odd');
  });

  it('selects and clears a whole group, leaving other groups alone', () => {
    const duty = groupPermissions().find((g) => g.domain === 'duty')!;
    expect(groupState(duty, ['map.read'])).toBe('none');
    const some = ['map.read', 'duty.read'];
    expect(groupState(duty, some)).toBe('some');
    const all = toggleGroup(duty, some, true);
    expect(groupState(duty, all)).toBe('all');
    expect(all).toContain('map.read');
    expect(toggleGroup(duty, all, false)).toEqual(['map.read']);
  });
});
