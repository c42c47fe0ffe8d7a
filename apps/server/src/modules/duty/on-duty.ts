import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { openPhone, personPhoneContext, registeredDutySecrets } from './duty-secrets.js';
import * as repo from './shifts.repository.js';
import type { PersonRow, ShiftRow } from './shifts.repository.js';

/** Who is on duty in one org now (for other modules: full phones, server side only). */
export interface OnDutyEntry {
  orgId: string;
  orgName: string;
  shiftId: string;
  leader: { name: string; phone: string | null } | null;
  officers: { name: string; phone: string | null; userId: string | null }[];
}

/** The shift running now in each org (the latest started when two overlap), with its people. */
export async function runningShifts(
  db: Kysely<Database>,
  orgPaths: string[],
  at: Date,
): Promise<{ shifts: ShiftRow[]; people: PersonRow[] }> {
  const all = await repo.shiftsAt(db, orgPaths, at);
  const seen = new Set<string>();
  const shifts = all.filter((s) => !seen.has(s.org_id) && Boolean(seen.add(s.org_id)));
  return {
    shifts,
    people: await repo.peopleOf(
      db,
      shifts.map((s) => s.id),
    ),
  };
}

function phoneOf(p: PersonRow): string | null {
  return openPhone(registeredDutySecrets(), p.phone_sealed, personPhoneContext(p.id)) ?? p.user_phone;
}

/**
 * Who is on duty at `at` in every org of the given subtrees: for each org with a running shift,
 * its leader (带班领导) and officers (值班员) with their phones.
 */
export async function onDutyNow(db: Kysely<Database>, q: { orgPaths: string[]; at: Date }): Promise<OnDutyEntry[]> {
  const { shifts, people } = await runningShifts(db, q.orgPaths, q.at);
  return shifts.map((s) => {
    const mine = people.filter((p) => p.shift_id === s.id);
    const leader = mine.find((p) => p.role === 'leader');
    return {
      orgId: s.org_id,
      orgName: s.org_name,
      shiftId: s.id,
      leader: leader ? { name: leader.name, phone: phoneOf(leader) } : null,
      officers: mine.filter((p) => p.role === 'officer').map((p) => ({ name: p.name, phone: phoneOf(p), userId: p.user_id })),
    };
  });
}

/** User ids of the leader and officers on duty in the org at `at` (for notifications); empty when nobody is. */
export async function onDutyUserIds(db: Kysely<Database>, q: { orgId: string; at: Date }): Promise<string[]> {
  return repo.onDutyUsers(db, q.orgId, q.at);
}
