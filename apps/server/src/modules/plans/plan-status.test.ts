import { PLAN_STATUSES } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { canBranch, isEditable, nextStatus, refusal, type PlanAction } from './plan-status.js';

describe('plan workflow', () => {
  const table: [PlanAction, string, string | null][] = [
    ['submit', 'draft', 'submitted'],
    ['submit', 'submitted', null],
    ['approve', 'submitted', 'approved'],
    ['approve', 'draft', null],
    ['reject', 'submitted', 'draft'],
    ['reject', 'approved', null],
    ['activate', 'approved', 'active'],
    ['activate', 'submitted', null],
    ['retire', 'active', 'retired'],
    ['retire', 'approved', 'retired'],
    ['retire', 'draft', null],
    ['retire', 'retired', null],
  ];
  it.each(table)('%s from %s → %s', (action, from, to) => {
    expect(nextStatus(from as (typeof PLAN_STATUSES)[number], action)).toBe(to);
  });

  it('edits only drafts and branches only approved or active versions', () => {
    expect(PLAN_STATUSES.filter(isEditable)).toEqual(['draft']);
    expect(PLAN_STATUSES.filter(canBranch)).toEqual(['approved', 'active']);
  });

  it('explains a refusal in Chinese', () => {
    expect(refusal('draft', 'activate')).toBe('草稿状态的预案不能发布实施');
  });
});
