import type { LevelMatchDto, PlanAbilitiesDto, PlanDto } from '@vigil/shared';

/** The workflow buttons of the detail page. */
export type PlanStep = 'edit' | 'submit' | 'approve' | 'reject' | 'activate' | 'retire' | 'newVersion';

/** What a step asks before it runs: a confirmation, an optional note, a required reason, or nothing (edit). */
export type StepInput = 'confirm' | 'note' | 'reason' | 'none';

export interface StepButton {
  step: PlanStep;
  input: StepInput;
  primary: boolean;
  danger: boolean;
}

const BUTTONS: readonly (StepButton & { when: keyof PlanAbilitiesDto })[] = [
  { step: 'edit', when: 'edit', input: 'none', primary: false, danger: false },
  { step: 'submit', when: 'submit', input: 'confirm', primary: true, danger: false },
  { step: 'approve', when: 'approve', input: 'note', primary: true, danger: false },
  { step: 'reject', when: 'reject', input: 'reason', primary: false, danger: true },
  { step: 'activate', when: 'activate', input: 'confirm', primary: true, danger: false },
  { step: 'newVersion', when: 'newVersion', input: 'confirm', primary: false, danger: false },
  { step: 'retire', when: 'retire', input: 'confirm', primary: false, danger: true },
];

/** The buttons the plan's abilities allow, in the order of the workflow (none without abilities). */
export function stepButtons(ab: PlanAbilitiesDto | undefined): StepButton[] {
  if (!ab) return [];
  return BUTTONS.filter((b) => ab[b.when]).map(({ when: _when, ...b }) => b);
}

/** The other versions a version can be compared with: every version of the plan but itself, newest first. */
export function compareTargets(current: Pick<PlanDto, 'id'>, versions: readonly PlanDto[]): PlanDto[] {
  return versions.filter((v) => v.id !== current.id);
}

/** The version to compare with by default: the one just before, else the newest other one. */
export function defaultAgainst(current: Pick<PlanDto, 'id' | 'versionNo'>, versions: readonly PlanDto[]): string | null {
  const others = compareTargets(current, versions);
  const before = others.filter((v) => v.versionNo < current.versionNo).sort((a, b) => b.versionNo - a.versionNo)[0];
  return (before ?? others[0])?.id ?? null;
}

/** One condition of a level's evaluation, as the match panel lists it (met ones first, in the server's order). */
export interface MatchLine {
  text: string;
  met: boolean;
  actual: string | number | null;
}

export function matchLines(l: LevelMatchDto): MatchLine[] {
  return [...l.matched, ...l.unmatched].map((c) => ({ text: c.text, met: c.met, actual: c.actual }));
}
