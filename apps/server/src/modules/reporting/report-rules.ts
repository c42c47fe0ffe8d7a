import type { IncidentStatus, ReportKind } from '@vigil/shared';
import { isOpenStatus } from './deadlines.js';

export interface ChainState {
  /** The kinds this org has already sent for the incident, oldest first. */
  sent: readonly ReportKind[];
  status: IncidentStatus;
  now: Date;
  /** End of the 补报 window (null: no limit configured). */
  supplementUntil: Date | null;
}

/**
 * Why an org may not send a report of `kind` now, or null when it may: exactly one first report
 * and it comes first; 续报 only while the incident is being handled; 终报 once it has ended, and it
 * closes the chain except for 补报 within the window.
 */
export function reportRefusal(kind: ReportKind, s: ChainState): string | null {
  const hasFirst = s.sent.includes('first');
  const hasFinal = s.sent.includes('final');
  if (kind === 'first') {
    if (hasFirst) return '本单位已提交首报，请提交续报、补报或终报';
    if (s.status === 'merged') return '事件已合并到其他事件，请在主事件上报送';
    return null;
  }
  if (!hasFirst) return '须先提交首报';
  if (kind === 'supplement') {
    if (s.supplementUntil && s.now.getTime() >= s.supplementUntil.getTime()) return '补报期限已过';
    return null;
  }
  if (hasFinal) return '已提交终报，报送链已关闭（仅可在期限内补报）';
  if (kind === 'followup' && !isOpenStatus(s.status)) return '事件已结束，请提交终报或补报';
  if (kind === 'final' && isOpenStatus(s.status)) return '事件结束后方可提交终报';
  return null;
}

/**
 * The kind of the receiving org's own report when it passes a lower report up: its first report
 * if it has none yet, else the lower report's kind where its chain allows it, else 续报/补报.
 */
export function forwardKind(received: ReportKind, s: ChainState): ReportKind {
  if (!s.sent.includes('first')) return 'first';
  const candidates: ReportKind[] = received === 'first' ? ['followup', 'supplement'] : [received, 'followup', 'supplement'];
  return candidates.find((k) => reportRefusal(k, s) === null) ?? received;
}
