import { describe, expect, it } from 'vitest';
import { CreateTaskInput, LaunchResponseInput, TaskTransitionInput, UpdateTaskInput } from './command.js';

const fields = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join('.'));
const ID = '01970000-0000-7000-8000-000000000000';

describe('command contracts', () => {
  it('launches with a level alone and defaults the post members', () => {
    expect(LaunchResponseInput.parse({ level: 'IV' })).toEqual({ level: 'IV' });
    const r = LaunchResponseInput.parse({ level: 'II', post: { name: '现场指挥部' } });
    expect(r.post?.members).toEqual([]);
  });

  it.each([
    [{ level: 'V' }, 'level'],
    [{ level: 'IV', planId: 'x' }, 'planId'],
    [{ level: 'IV', post: { location: { lng: 200, lat: 24 } } }, 'post.location.lng'],
    [{ level: 'IV', post: { members: [{ userId: ID, role: 'chief' }] } }, 'post.members.0.role'],
    [
      {
        level: 'IV',
        post: {
          members: [
            { userId: ID, role: 'member' },
            { userId: ID, role: 'liaison' },
          ],
        },
      },
      'post.members',
    ],
    [{ level: 'IV', escalateAfterMinutes: 0 }, 'escalateAfterMinutes'],
    [{ level: 'IV', extra: 1 }, ''],
  ])('refuses %j naming %s', (input, field) => {
    expect(fields(LaunchResponseInput.safeParse(input))).toContain(field);
  });

  it('checks task input: a title, an assignee kind, an ISO deadline, a version for edits and steps', () => {
    expect(fields(CreateTaskInput.safeParse({ title: '' }))).toContain('title');
    expect(fields(CreateTaskInput.safeParse({ title: '转移', assignee: { kind: 'robot', id: ID } }))).toContain('assignee.kind');
    expect(fields(CreateTaskInput.safeParse({ title: '转移', deadline: '明天' }))).toContain('deadline');
    expect(CreateTaskInput.parse({ title: ' 转移 ', deadline: '2026-06-01T08:00:00+08:00' }).title).toBe('转移');
    expect(fields(UpdateTaskInput.safeParse({ title: '改' }))).toContain('version');
    expect(fields(TaskTransitionInput.safeParse({ to: 'finished', version: 1 }))).toContain('to');
  });
});
