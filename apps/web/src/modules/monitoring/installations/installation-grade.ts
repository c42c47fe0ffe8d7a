import {
  computeHazardGrade,
  findHazardSubstance,
  HAZARD_CATEGORIES,
  type HazardCategory,
  type HazardGrade,
  type InstallationDto,
  type InstallationInput,
  type InstallationPatch,
  type SubstanceInput,
} from '@vigil/shared';
import type { PointValue } from '../../incidents/location';

/** One substance row of the form: Q and β may be left empty to take the standard's values. */
export interface SubstanceRow {
  name?: string;
  cas?: string | null;
  category?: HazardCategory | null;
  q?: number | null;
  criticalQ?: number | null;
  beta?: number | null;
}

export interface InstallationFormValues {
  code: string;
  name: string;
  orgId?: string;
  address?: string | null;
  location: PointValue | null;
  people500m: number;
  substances: SubstanceRow[];
  pointIds: string[];
}

/** Q and β the server will use for a row: typed, else Table 1/3 by name or CAS, else Table 2/4 by category. */
export function standardValues(r: SubstanceRow): { criticalQ: number | null; beta: number | null; category: HazardCategory | null } {
  const named = findHazardSubstance({ name: r.name ?? null, cas: r.cas ?? null });
  const category = r.category ?? named?.category ?? null;
  const byCategory = category ? HAZARD_CATEGORIES[category] : undefined;
  return {
    criticalQ: r.criticalQ ?? named?.q ?? byCategory?.q ?? null,
    beta: r.beta ?? named?.beta ?? byCategory?.beta ?? null,
    category,
  };
}

/** S, R and the grade as the rows now stand (null until every row has a name, q, Q and β). */
export function liveGrade(rows: readonly SubstanceRow[], people: number | null | undefined): HazardGrade | null {
  const resolved = rows.map((r) => ({ ...standardValues(r), q: r.q ?? null, name: r.name }));
  if (resolved.length === 0 || resolved.some((r) => !r.name || r.q === null || r.criticalQ === null || r.beta === null)) return null;
  return computeHazardGrade(
    resolved.map((r) => ({ q: r.q!, criticalQ: r.criticalQ!, beta: r.beta! })),
    people ?? 0,
  );
}

const blank = (s: string | null | undefined) => (s && s.trim() !== '' ? s.trim() : null);

function toSubstances(rows: readonly SubstanceRow[]): SubstanceInput[] {
  return rows.map((r) => ({
    name: (r.name ?? '').trim(),
    cas: blank(r.cas),
    category: r.category ?? null,
    q: r.q ?? 0,
    ...(typeof r.criticalQ === 'number' ? { criticalQ: r.criticalQ } : {}),
    ...(typeof r.beta === 'number' ? { beta: r.beta } : {}),
  }));
}

export function toInstallationInput(v: InstallationFormValues): InstallationInput {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    ...(v.orgId ? { orgId: v.orgId } : {}),
    address: blank(v.address),
    location: v.location!,
    people500m: v.people500m,
    substances: toSubstances(v.substances),
    pointIds: v.pointIds ?? [],
  };
}

export function toInstallationPatch(v: InstallationFormValues, d: InstallationDto): InstallationPatch {
  const { code: _code, orgId, ...rest } = toInstallationInput(v);
  return { ...rest, ...(orgId && orgId !== d.orgId ? { orgId } : {}), version: d.version };
}

export function toInstallationValues(d: InstallationDto): InstallationFormValues {
  return {
    code: d.code,
    name: d.name,
    orgId: d.orgId,
    address: d.address,
    location: { lng: d.location.lng, lat: d.location.lat, crs: 'wgs84' },
    people500m: d.people500m,
    substances: d.substances.map((s) => ({
      name: s.name,
      cas: s.cas,
      category: (s.category as HazardCategory | null) ?? null,
      q: s.q,
      criticalQ: s.criticalQ,
      beta: s.beta,
    })),
    pointIds: d.points.map((p) => p.id),
  };
}
