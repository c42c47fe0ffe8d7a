import { INCIDENT_STATUS_ZH, type IncidentStatus } from '@vigil/shared';
import { AppError } from '../../platform/errors.js';

/**
 * The incident lifecycle as data: 接报 → 核实 → 处置中 → 已结束, with 合并 (into another incident)
 * and 误报 possible while the incident is still being received or verified. Closed, merged and
 * false reports are final.
 */
const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  received: ['verified', 'merged', 'false_report'],
  verified: ['responding', 'merged', 'false_report'],
  responding: ['closed'],
  closed: [],
  merged: [],
  false_report: [],
};

/** Statuses reachable from `from` in one step. */
export function nextStatuses(from: IncidentStatus): readonly IncidentStatus[] {
  return NEXT[from];
}

/** Whether `from → to` is a legal step. */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return NEXT[from].includes(to);
}

/** Statuses that need a reason when entered. */
export function needsReason(to: IncidentStatus): boolean {
  return to === 'false_report' || to === 'merged';
}

/** Whether the incident is still open (counts for duty handovers and duplicate hints). */
export function isOpen(s: IncidentStatus): boolean {
  return s === 'received' || s === 'verified' || s === 'responding';
}

/** Whether the incident's facts may still change (closed ones may: casualties are re-reported for 30 days). */
export function isEditable(s: IncidentStatus): boolean {
  return s !== 'merged' && s !== 'false_report';
}

/** Returns `to` when the step is legal; otherwise throws CONFLICT (409) naming both statuses. */
export function transition(from: IncidentStatus, to: IncidentStatus): IncidentStatus {
  if (!canTransition(from, to)) {
    throw new AppError('CONFLICT', `事件状态不能从“${INCIDENT_STATUS_ZH[from]}”变为“${INCIDENT_STATUS_ZH[to]}”`, {
      extra: { from, to, allowed: NEXT[from] },
    });
  }
  return to;
}
