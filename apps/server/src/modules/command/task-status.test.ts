import { TASK_STATUSES, type TaskStatus } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { canMove, isClosed, nextStatuses, reasonProblem, refusal } from './task-status.js';

describe('task workflow', () => {
  const table: [TaskStatus, TaskStatus, boolean][] = [
    ['assigned', 'accepted', true],
    ['assigned', 'rejected', true],
    ['assigned', 'en_route', false],
    ['assigned', 'done', false],
    ['accepted', 'en_route', true],
    ['accepted', 'rejected', false],
    ['accepted', 'done', false],
    ['en_route', 'on_site', true],
    ['en_route', 'accepted', false],
    ['on_site', 'done', true],
    ['on_site', 'en_route', false],
    ['done', 'assigned', false],
    ['done', 'rejected', false],
    ['rejected', 'accepted', false],
    ['rejected', 'assigned', false],
  ];
  it.each(table)('%s → %s: %s', (from, to, ok) => {
    expect(canMove(from, to)).toBe(ok);
  });

  it('never steps to the same status', () => {
    for (const s of TASK_STATUSES) expect(canMove(s, s)).toBe(false);
  });

  it('closes only done and rejected tasks', () => {
    expect(TASK_STATUSES.filter(isClosed)).toEqual(['done', 'rejected']);
    expect(nextStatuses('assigned')).toEqual(['accepted', 'rejected']);
  });

  it('asks a reason for a rejection only', () => {
    expect(reasonProblem('rejected', undefined)).toBe('拒绝任务须填写理由');
    expect(reasonProblem('rejected', '  ')).toBe('拒绝任务须填写理由');
    expect(reasonProblem('rejected', '人员不足')).toBeNull();
    expect(reasonProblem('accepted', undefined)).toBeNull();
  });

  it('explains a refusal in Chinese', () => {
    expect(refusal('done', 'accepted')).toBe('任务当前为“已完成”，不能变更为“已接收”');
  });
});
