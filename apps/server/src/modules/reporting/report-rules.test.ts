import type { IncidentStatus, ReportKind } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { forwardKind, reportRefusal, type ChainState } from './report-rules.js';

const NOW = new Date('2026-06-10T00:00:00Z');
const state = (sent: ReportKind[], status: IncidentStatus = 'responding', supplementUntil: Date | null = null): ChainState => ({
  sent,
  status,
  now: NOW,
  supplementUntil,
});

describe('reportRefusal', () => {
  it.each([
    // kind, already sent, status → allowed?
    ['first', [], 'received', true],
    ['first', ['first'], 'received', false],
    ['first', [], 'merged', false],
    ['followup', [], 'responding', false],
    ['supplement', [], 'responding', false],
    ['final', [], 'closed', false],
    ['followup', ['first'], 'responding', true],
    ['followup', ['first'], 'closed', false],
    ['supplement', ['first'], 'responding', true],
    ['final', ['first'], 'responding', false],
    ['final', ['first', 'followup'], 'closed', true],
    ['final', ['first'], 'false_report', true],
    ['followup', ['first', 'final'], 'closed', false],
    ['final', ['first', 'final'], 'closed', false],
    ['supplement', ['first', 'final'], 'closed', true],
  ] as const)('%s after %j while %s → allowed %s', (kind, sent, status, ok) => {
    expect(reportRefusal(kind, state([...sent], status)) === null).toBe(ok);
  });

  it('refuses a supplement once the window has passed, and allows it just before', () => {
    expect(reportRefusal('supplement', state(['first', 'final'], 'closed', NOW))).toBe('补报期限已过');
    expect(reportRefusal('supplement', state(['first', 'final'], 'closed', new Date(NOW.getTime() + 1)))).toBeNull();
  });

  it('names the reason in Chinese', () => {
    expect(reportRefusal('followup', state([]))).toBe('须先提交首报');
    expect(reportRefusal('final', state(['first']))).toContain('事件结束后');
  });
});

describe('forwardKind', () => {
  it.each([
    ['first', [], 'responding', 'first'],
    ['followup', [], 'responding', 'first'],
    ['first', ['first'], 'responding', 'followup'],
    ['followup', ['first'], 'responding', 'followup'],
    ['supplement', ['first'], 'responding', 'supplement'],
    ['final', ['first'], 'closed', 'final'],
    ['final', ['first'], 'responding', 'followup'],
    ['supplement', ['first', 'final'], 'closed', 'supplement'],
  ] as const)('passing up a %s after %j while %s → %s', (received, sent, status, expected) => {
    expect(forwardKind(received, state([...sent], status))).toBe(expected);
  });
});
