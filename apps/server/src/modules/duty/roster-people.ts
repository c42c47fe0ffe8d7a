import type { DutyPersonInput } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { dutyPersonKey, sealPhone, personPhoneContext } from './duty-secrets.js';
import { describeConflict, overlapConflicts, type Candidate } from './overlap.js';
import { maskPhone, repeatedPeople } from './people.js';
import * as repo from './shifts.repository.js';
import type { PersonInsert, PersonRow } from './shifts.repository.js';

/** A person as a shift will hold them: resolved user, display name, explicit phone and overlap key. */
export interface PersonPlan {
  role: 'leader' | 'officer';
  position: number;
  userId: string | null;
  name: string;
  phone: string | null;
  key: string;
}

type OrgUser = Awaited<ReturnType<typeof repo.orgUsers>>[number];

/**
 * Resolves the leader and officers of a shift in `org`: a user must be an active member of that
 * org (its name is taken from the account); a named person needs no account. The same person
 * twice in one shift is refused.
 */
export async function planPeople(
  ctx: Ctx,
  orgId: string,
  leader: DutyPersonInput | null | undefined,
  officers: DutyPersonInput[],
  users?: OrgUser[],
): Promise<PersonPlan[]> {
  const members = users ?? (await repo.orgUsers(ctx.tx, orgId));
  const plan = (p: DutyPersonInput, role: PersonPlan['role'], position: number, field: string): PersonPlan => {
    let userId: string | null = null;
    let name = p.name ?? '';
    if (p.userId) {
      const u = members.find((m) => m.id === p.userId);
      if (!u) invalid(`${field}.userId`, '用户不存在、已停用或不属于该单位');
      userId = u.id;
      name = u.display_name;
    }
    const phone = p.phone ?? null;
    return { role, position, userId, name, phone, key: dutyPersonKey(ctx.platform.config, { userId, name, phone }, orgId) };
  };
  const out = [...(leader ? [plan(leader, 'leader', 0, 'leader')] : []), ...officers.map((o, i) => plan(o, 'officer', i, `officers.${i}`))];
  assertDistinct(out);
  return out;
}

/** Refuses a shift listing the same person twice (as leader and officer, or twice as officer). */
export function assertDistinct(plans: PersonPlan[]): void {
  const repeated = repeatedPeople(plans);
  if (repeated.length > 0) invalid('officers', `${repeated.join('、')} 在同一班次中重复出现`);
}

/** Existing people of a shift as plans (unchanged people keep their keys). */
export function plansFromRows(rows: PersonRow[]): PersonPlan[] {
  return rows.map((r) => ({ role: r.role, position: r.position, userId: r.user_id, name: r.name, phone: null, key: r.person_key }));
}

/** Refuses (409) a shift whose people are already on an overlapping shift, naming the person and that shift. */
export async function assertNoOverlap(ctx: Ctx, candidate: Candidate): Promise<void> {
  const rows = await repo.bookingsOf(
    ctx.tx,
    candidate.people.map((p) => p.key),
    candidate.start,
    candidate.end,
  );
  const conflicts = overlapConflicts(
    candidate,
    rows.map((r) => ({
      shiftId: r.shift_id,
      orgName: r.org_name,
      personKey: r.person_key,
      personName: r.name,
      start: new Date(r.starts_at),
      end: new Date(r.ends_at),
    })),
  );
  if (conflicts.length === 0) return;
  throw new AppError('CONFLICT', conflicts.map(describeConflict).join('；'), {
    extra: {
      conflicts: conflicts.map((c) => ({
        person: c.personName,
        shiftId: c.other.shiftId,
        orgName: c.other.orgName,
        startsAt: c.other.start.toISOString(),
        endsAt: c.other.end.toISOString(),
      })),
    },
  });
}

/**
 * Rows for the people of a shift; phones sealed to their row. A person who stays keeps their row
 * id, sign-in times and (unless a new one is given) their sealed phone.
 */
export function personInserts(ctx: Ctx, shiftId: string, plans: PersonPlan[], previous: PersonRow[] = []): PersonInsert[] {
  return plans.map((p) => {
    const before = previous.find((r) => r.person_key === p.key);
    const id = before?.id ?? newId();
    return {
      id,
      shift_id: shiftId,
      role: p.role,
      position: p.position,
      user_id: p.userId,
      name: p.name,
      phone_sealed: p.phone ? sealPhone(ctx.platform.config, p.phone, personPhoneContext(id)) : (before?.phone_sealed ?? null),
      phone_masked: p.phone ? maskPhone(p.phone) : (before?.phone_masked ?? null),
      person_key: p.key,
      signed_in_at: before?.signed_in_at ?? null,
      signed_out_at: before?.signed_out_at ?? null,
    };
  });
}

/** Names for the audit trail (never phones). */
export function peopleSummary(plans: PersonPlan[]): { leader: string | null; officers: string[] } {
  return {
    leader: plans.find((p) => p.role === 'leader')?.name ?? null,
    officers: plans.filter((p) => p.role === 'officer').map((p) => p.name),
  };
}
