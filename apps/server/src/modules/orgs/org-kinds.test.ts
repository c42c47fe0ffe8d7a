import { describe, expect, it } from 'vitest';
import { parentKindProblem } from './org-kinds.js';

describe('org kind hierarchy', () => {
  it('accepts the administrative ladder province → city → county → township', () => {
    expect(parentKindProblem('city', 'province')).toBeNull();
    expect(parentKindProblem('county', 'city')).toBeNull();
    expect(parentKindProblem('township', 'county')).toBeNull();
  });

  it('refuses skipping or inverting a level, naming the required parent kind', () => {
    expect(parentKindProblem('county', 'province')).toContain('市级');
    expect(parentKindProblem('township', 'city')).toContain('县区级');
    expect(parentKindProblem('city', 'county')).toContain('省级');
    expect(parentKindProblem('county', 'enterprise')).not.toBeNull();
  });

  it('never places a province under anything', () => {
    expect(parentKindProblem('province', 'province')).toContain('根');
  });

  it('lets departments, enterprises and rescue teams attach anywhere', () => {
    for (const kind of ['department', 'enterprise', 'rescue_team'] as const)
      for (const parent of ['province', 'city', 'county', 'township', 'department', 'enterprise', 'rescue_team'] as const)
        expect(parentKindProblem(kind, parent)).toBeNull();
  });
});
