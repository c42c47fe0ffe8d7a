import type { DutyPersonDto, DutyShiftDto } from '@vigil/shared';
import type { SecretKeySource } from '../../platform/auth/secret-box.js';
import { openPhone, personPhoneContext } from './duty-secrets.js';
import { maskPhone } from './people.js';
import type { PersonRow, ShiftRow } from './shifts.repository.js';

export const iso = (d: Date | string) => new Date(d).toISOString();
export const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);

/**
 * A phone as this viewer may see it: the full number for holders of `duty.read` in the org,
 * the masked one otherwise (also when the sealed value cannot be opened).
 */
export function viewPhone(
  full: boolean,
  sealed: { src: SecretKeySource | null; value: string | null; context: string },
  masked: string | null,
  plainFallback: string | null,
): { phone: string | null; phoneMasked: boolean } {
  const mask = masked ?? (plainFallback ? maskPhone(plainFallback) : null);
  if (full) {
    const open = sealed.value ? openPhone(sealed.src, sealed.value, sealed.context) : plainFallback;
    if (open) return { phone: open, phoneMasked: false };
  }
  return { phone: mask, phoneMasked: mask !== null };
}

/** Person row → API shape. */
export function presentPerson(p: PersonRow, full: boolean, src: SecretKeySource | null): DutyPersonDto {
  return {
    id: p.id,
    role: p.role,
    userId: p.user_id,
    name: p.name,
    ...viewPhone(full, { src, value: p.phone_sealed, context: personPhoneContext(p.id) }, p.phone_masked, p.user_phone),
    signedInAt: isoOrNull(p.signed_in_at),
    signedOutAt: isoOrNull(p.signed_out_at),
  };
}

/** Shift row and its people → API shape. */
export function presentShift(s: ShiftRow, people: PersonRow[], full: boolean, src: SecretKeySource | null): DutyShiftDto {
  const mine = people.filter((p) => p.shift_id === s.id);
  const leader = mine.find((p) => p.role === 'leader');
  return {
    id: s.id,
    orgId: s.org_id,
    orgName: s.org_name,
    startsAt: iso(s.starts_at),
    endsAt: iso(s.ends_at),
    kind: s.kind,
    note: s.note,
    source: s.source,
    leader: leader ? presentPerson(leader, full, src) : null,
    officers: mine.filter((p) => p.role === 'officer').map((p) => presentPerson(p, full, src)),
  };
}
