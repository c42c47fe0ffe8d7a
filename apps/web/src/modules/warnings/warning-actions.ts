import type { WarningAbilitiesDto, WarningDto } from '@vigil/shared';

/** The workflow buttons of the detail page. `approvePublish` approves and publishes in one step (签发即发布). */
export type WarningStep = 'edit' | 'submit' | 'approvePublish' | 'approve' | 'reject' | 'publish' | 'revise' | 'cancel';

/** What a step asks before it runs: nothing but a confirmation, an optional note, or a required reason. */
export type StepInput = 'confirm' | 'note' | 'reason' | 'none';

export interface StepButton {
  step: WarningStep;
  input: StepInput;
  primary: boolean;
  danger: boolean;
}

const BUTTONS: readonly (StepButton & { when: keyof WarningAbilitiesDto })[] = [
  { step: 'edit', when: 'edit', input: 'none', primary: false, danger: false },
  { step: 'submit', when: 'submit', input: 'confirm', primary: true, danger: false },
  { step: 'approvePublish', when: 'approve', input: 'note', primary: true, danger: false },
  { step: 'approve', when: 'approve', input: 'note', primary: false, danger: false },
  { step: 'reject', when: 'reject', input: 'reason', primary: false, danger: true },
  { step: 'publish', when: 'publish', input: 'confirm', primary: true, danger: false },
  { step: 'revise', when: 'revise', input: 'confirm', primary: false, danger: false },
  { step: 'cancel', when: 'cancel', input: 'reason', primary: false, danger: true },
];

/** The buttons the presenter's abilities allow, in the order of the workflow (none without abilities). */
export function stepButtons(ab: WarningAbilitiesDto | undefined): StepButton[] {
  if (!ab) return [];
  return BUTTONS.filter((b) => ab[b.when]).map(({ when: _when, ...b }) => b);
}

/** One step of a warning's history as the detail page lists it. */
export interface TimelineStep {
  kind: 'drafted' | 'imported' | 'rejected' | 'submitted' | 'approved' | 'published' | 'superseded' | 'cancelled' | 'expired';
  at: string | null;
  by: string | null;
  note: string | null;
}

/**
 * The warning's steps, oldest first, from what the warning records: who drafted it and when, a
 * pending rejection's reason, submission, approval, publication with its identifier, and how it ended.
 */
export function timelineOf(w: WarningDto): TimelineStep[] {
  const steps: TimelineStep[] = [];
  const step = (kind: TimelineStep['kind'], at: string | null, by: string | null = null, note: string | null = null) =>
    steps.push({ kind, at, by, note });
  if (w.source === 'external') {
    step('imported', w.createdAt, w.sender, w.identifier);
  } else {
    step('drafted', w.createdAt, w.createdBy);
    if (w.rejectReason && w.status === 'draft') step('rejected', null, null, w.rejectReason);
    if (w.submittedBy && w.status !== 'draft') step('submitted', null);
    if (w.approvedBy) step('approved', null, w.approvedBy);
    if (w.publishedAt) step('published', w.publishedAt, null, w.identifier);
  }
  if (w.status === 'superseded') step('superseded', w.updatedAt);
  if (w.status === 'cancelled') step('cancelled', w.updatedAt, null, w.cancelReason);
  if (w.status === 'expired') step('expired', w.expires);
  return steps;
}

/**
 * The chain of versions behind a warning (it first, then the one it updates, and so on), loaded
 * through `load`; stops at `max` versions, at a version that cannot be loaded, or at a loop.
 */
export async function versionChain(start: WarningDto, load: (id: string) => Promise<WarningDto | null>, max = 20): Promise<WarningDto[]> {
  const chain = [start];
  const seen = new Set([start.id]);
  let next = start.previousId;
  while (next && !seen.has(next) && chain.length < max) {
    const w = await load(next);
    if (!w) break;
    chain.push(w);
    seen.add(w.id);
    next = w.previousId;
  }
  return chain;
}
