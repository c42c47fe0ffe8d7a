import type { AlarmStatus } from '@vigil/shared';

/**
 * The alarm lifecycle: 报警中 active → 已确认 acknowledged → 已恢复 cleared (automatically, when
 * the condition ends) → 已关闭 closed (by a person). A condition that returns while the alarm is
 * still open re-activates it (the occurrence counter goes up) instead of opening a second alarm.
 */

export type AlarmAction = 'acknowledge' | 'assign' | 'comment' | 'escalate' | 'close' | 'false_alarm' | 'convert';

/** What the system does on its own: the condition began again, or ended. */
export type SystemChange = 'raise' | 'clear';

export interface AlarmFacts {
  status: AlarmStatus;
  acknowledged: boolean;
  converted: boolean;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const no = (reason: string): Outcome<never> => ({ ok: false, reason });

/** Status after the system sees the condition begin (raise) or end (clear); null = no change. */
export function systemTransition(status: AlarmStatus, change: SystemChange): AlarmStatus | null {
  if (change === 'raise') return status === 'cleared' ? 'active' : null;
  return status === 'active' || status === 'acknowledged' ? 'cleared' : null;
}

/**
 * Whether a person may take an action on an alarm in this state, and the status that follows.
 * Acknowledging a cleared alarm records who saw it without re-opening it; closing needs the alarm
 * acknowledged or cleared first (an unseen alarm is never closed away); a closed alarm only takes
 * comments and the false-alarm label.
 */
export function personTransition(f: AlarmFacts, action: AlarmAction): Outcome<AlarmStatus> {
  const closed = f.status === 'closed';
  switch (action) {
    case 'acknowledge':
      if (closed) return no('报警已关闭');
      if (f.acknowledged) return no('报警已确认');
      return ok(f.status === 'active' ? 'acknowledged' : f.status);
    case 'assign':
      return closed ? no('报警已关闭，不能指派') : ok(f.status);
    case 'comment':
    case 'false_alarm':
      return ok(f.status);
    case 'escalate':
      return f.status === 'active' || f.status === 'acknowledged' ? ok(f.status) : no('只有未恢复的报警可以升级');
    case 'close':
      if (closed) return no('报警已关闭');
      if (f.status === 'active') return no('请先确认报警再关闭');
      return ok('closed');
    case 'convert':
      if (f.converted) return no('报警已转为事件');
      return ok(f.status === 'active' ? 'acknowledged' : f.status);
  }
}

/** Every action a person could take now (the buttons shown), before permissions are considered. */
export function availableActions(f: AlarmFacts): AlarmAction[] {
  const all: AlarmAction[] = ['acknowledge', 'assign', 'comment', 'escalate', 'close', 'false_alarm', 'convert'];
  return all.filter((a) => personTransition(f, a).ok);
}
