import {
  computeHazardGrade,
  findHazardSubstance,
  HAZARD_CATEGORIES,
  type HazardCategory,
  type HazardGrade,
  type SubstanceInput,
} from '@vigil/shared';

/**
 * GB 18218-2018 for one installation: each substance's critical quantity Q and correction factor
 * β are taken from what the user entered, else prefilled from Table 1/3 (named substances, by CAS
 * or name) or Table 2/4 (by hazard category); then S = Σq/Q, R = α·Σβq/Q and the grade. Pure.
 */

export interface ResolvedSubstance {
  name: string;
  cas: string | null;
  category: HazardCategory | null;
  q: number;
  criticalQ: number;
  beta: number;
}

export type SubstanceProblem = { index: number; field: 'criticalQ' | 'beta'; message: string };

/** Fills Q and β from the standard's tables where the user left them out. */
export function resolveSubstance(s: SubstanceInput, index: number): { value: ResolvedSubstance } | { error: SubstanceProblem } {
  const named = findHazardSubstance({ name: s.name, cas: s.cas ?? null });
  const category = (s.category ?? named?.category ?? null) as HazardCategory | null;
  const byCategory = category ? HAZARD_CATEGORIES[category] : undefined;
  const criticalQ = s.criticalQ ?? named?.q ?? byCategory?.q;
  if (criticalQ === undefined)
    return { error: { index, field: 'criticalQ', message: `${s.name} 不在 GB 18218 表 1 中，请选择危险性类别或填写临界量` } };
  const beta = s.beta ?? named?.beta ?? byCategory?.beta;
  if (beta === undefined) return { error: { index, field: 'beta', message: `${s.name} 无法确定校正系数 β，请选择危险性类别或填写 β` } };
  return { value: { name: s.name.trim(), cas: s.cas ?? named?.cas ?? null, category, q: s.q, criticalQ, beta } };
}

/** Rounds to the 4 decimals stored in `numeric(14,4)`. */
const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

/** The grading of an installation as stored: grade decided on exact values, S and R rounded for storage. */
export function gradeInstallation(substances: readonly ResolvedSubstance[], people500m: number): HazardGrade {
  const g = computeHazardGrade(substances, people500m);
  return { ...g, s: round4(g.s), r: round4(g.r) };
}
