import { DUTY_EVENTS, type DutyBoardDto, type DutyBoardEntryDto, type DutyShiftDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { canSeeOrg } from '../../platform/auth/actor.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { findOrg, visibleOrgPaths } from '../orgs/index.js';
import { actingUser, seesPhones } from './duty.policy.js';
import { iso, presentPerson } from './duty.presenter.js';
import { runningShifts } from './on-duty.js';
import { dutyTopic, loadShift, shiftDto } from './roster.service.js';
import { signInProblem, signOutProblem } from './sign-window.js';
import * as repo from './shifts.repository.js';

/** Orgs that keep a duty desk and so appear on the board even when nobody is on duty. */
const DESK_KINDS = new Set(['province', 'city', 'county']);

/**
 * Who is on duty now in every org of the actor's subtree (or of `orgId`'s): leader and officers,
 * whether they have signed in, and phones — full where the actor holds `duty.read`, masked elsewhere.
 */
export async function dutyBoard(ctx: Ctx, orgId: string | undefined): Promise<DutyBoardDto> {
  let paths = visibleOrgPaths(ctx.actor);
  if (orgId) {
    const org = (await findOrg(ctx.tx, orgId)) ?? notFound('组织', orgId);
    if (!canSeeOrg(ctx.actor, org.path)) await denyOutOfScope(ctx, 'org', orgId);
    paths = [org.path];
  }
  const orgs = await repo.orgsWithin(ctx.tx, paths);
  const { shifts, people } = await runningShifts(
    ctx.tx,
    orgs.map((o) => o.path).filter((p, _i, all) => !all.some((q) => q !== p && p.startsWith(`${q}.`))),
    ctx.now,
  );
  const items: DutyBoardEntryDto[] = [];
  for (const o of orgs) {
    const s = shifts.find((x) => x.org_id === o.id);
    if (!s && !DESK_KINDS.has(o.kind)) continue;
    const full = seesPhones(ctx.actor, o.path);
    const mine = s ? people.filter((p) => p.shift_id === s.id) : [];
    const view = (p: (typeof mine)[number]) => ({
      ...presentPerson(p, full, ctx.platform.config),
      signedIn: Boolean(p.signed_in_at && !p.signed_out_at),
    });
    const leader = mine.find((p) => p.role === 'leader');
    items.push({
      orgId: o.id,
      orgName: o.name,
      orgKind: o.kind,
      shiftId: s?.id ?? null,
      kind: s?.kind ?? null,
      startsAt: s ? iso(s.starts_at) : null,
      endsAt: s ? iso(s.ends_at) : null,
      leader: leader ? view(leader) : null,
      officers: mine.filter((p) => p.role === 'officer').map(view),
    });
  }
  return { at: iso(ctx.now), items };
}

async function myPlace(ctx: Ctx, shiftId: string) {
  const me = actingUser(ctx);
  const shift = await loadShift(ctx, shiftId, 'duty.sign');
  const person = (await repo.peopleOf(ctx.tx, [shift.id])).find((p) => p.user_id === me);
  if (!person) throw new AppError('FORBIDDEN', '您不是该班次的值班人员');
  return { shift, person };
}

/** Signs the acting user in to their shift (from 30 minutes before the start until the end). */
export async function signIn(ctx: Ctx, shiftId: string): Promise<DutyShiftDto> {
  const { shift, person } = await myPlace(ctx, shiftId);
  const problem = signInProblem(shift, person, ctx.now);
  if (problem) conflict(problem);
  await repo.setSignedIn(ctx.tx, person.id, ctx.now);
  await recordAudit(ctx, {
    action: 'duty.signed_in',
    entity: 'duty_shift',
    entityId: shift.id,
    after: { personId: person.id, at: ctx.now },
  });
  await emit(
    ctx,
    DUTY_EVENTS.signedIn,
    { shiftId: shift.id, orgId: shift.org_id, personId: person.id, name: person.name },
    dutyTopic(shift.org_path),
  );
  return shiftDto(ctx, shift);
}

/** Signs the acting user out of their shift (after signing in, until 2 hours after the end). */
export async function signOut(ctx: Ctx, shiftId: string): Promise<DutyShiftDto> {
  const { shift, person } = await myPlace(ctx, shiftId);
  const problem = signOutProblem(shift, person, ctx.now);
  if (problem) conflict(problem);
  await repo.setSignedOut(ctx.tx, person.id, ctx.now);
  await recordAudit(ctx, {
    action: 'duty.signed_out',
    entity: 'duty_shift',
    entityId: shift.id,
    after: { personId: person.id, at: ctx.now },
  });
  await emit(
    ctx,
    DUTY_EVENTS.signedOut,
    { shiftId: shift.id, orgId: shift.org_id, personId: person.id, name: person.name },
    dutyTopic(shift.org_path),
  );
  return shiftDto(ctx, shift);
}
