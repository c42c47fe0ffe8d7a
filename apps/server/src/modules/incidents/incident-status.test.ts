import { INCIDENT_STATUSES, type IncidentStatus } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { canTransition, isOpen, nextStatuses, transition } from './incident-status.js';

describe('incident status machine', () => {
  it.each<[IncidentStatus, IncidentStatus]>([
    ['received', 'verified'],
    ['verified', 'responding'],
    ['responding', 'closed'],
    ['received', 'false_report'],
    ['verified', 'false_report'],
    ['received', 'merged'],
    ['verified', 'merged'],
  ])('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transition(from, to)).toBe(to);
  });

  it.each<[IncidentStatus, IncidentStatus]>([
    ['received', 'responding'],
    ['received', 'closed'],
    ['verified', 'received'],
    ['responding', 'false_report'],
    ['responding', 'merged'],
    ['responding', 'verified'],
    ['closed', 'received'],
    ['closed', 'responding'],
    ['merged', 'received'],
    ['false_report', 'verified'],
  ])('refuses %s → %s with a 409', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => transition(from, to)).toThrow(expect.objectContaining({ code: 'CONFLICT', status: 409 }));
  });

  it('never allows staying in place, and final statuses lead nowhere', () => {
    for (const s of INCIDENT_STATUSES) expect(canTransition(s, s)).toBe(false);
    expect(nextStatuses('closed')).toEqual([]);
    expect(nextStatuses('merged')).toEqual([]);
    expect(nextStatuses('false_report')).toEqual([]);
  });

  it('counts received, verified and responding as open', () => {
    expect(INCIDENT_STATUSES.filter(isOpen)).toEqual(['received', 'verified', 'responding']);
  });
});
