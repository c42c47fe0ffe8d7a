import {
  DUTY_EVENTS,
  type CreateDutyShiftInput,
  type DutyShiftDto,
  type DutyShiftQuery,
  type PageOf,
  type UpdateDutyShiftInput,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorizeRow } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { conflict, invalid } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from './duty-cursor.js';
import { dutyOrg, seesPhones } from './duty.policy.js';
import { presentShift } from './duty.presenter.js';
import {
  assertDistinct,
  assertNoOverlap,
  peopleSummary,
  personInserts,
  planPeople,
  plansFromRows,
  type PersonPlan,
} from './roster-people.js';
import * as repo from './shifts.repository.js';
import type { ShiftRow } from './shifts.repository.js';

const MAX_SHIFT_MS = 48 * 3_600_000;

/** Options for realtime events of the duty desk about one org. */
export const dutyTopic = (orgPath: string) => ({ topic: 'duty', orgPath, permission: 'duty.read' });

/** Loads a shift the actor may act on with `perm` (read needs `duty.read`): audited 404 outside scope. */
export async function loadShift(ctx: Ctx, id: string, perm: 'duty.read' | 'duty.manage' | 'duty.sign'): Promise<ShiftRow> {
  return authorizeRow(ctx, perm, 'duty_shift', id, await repo.findShift(ctx.tx, id), 'duty.read');
}

/** A shift as the actor sees it (phones full or masked). */
export async function shiftDto(ctx: Ctx, shift: ShiftRow): Promise<DutyShiftDto> {
  return presentShift(shift, await repo.peopleOf(ctx.tx, [shift.id]), seesPhones(ctx.actor, shift.org_path), ctx.platform.config);
}

function shiftTimes(startsAt: string, endsAt: string): { start: Date; end: Date } {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (end <= start) invalid('endsAt', '结束时间应晚于开始时间');
  if (end.getTime() - start.getTime() > MAX_SHIFT_MS) invalid('endsAt', '一个班次不能超过 48 小时');
  return { start, end };
}

async function assertWindowFree(ctx: Ctx, orgId: string, start: Date, end: Date, self: string | null): Promise<void> {
  const same = await repo.findShiftByWindow(ctx.tx, orgId, start, end);
  if (same && same.id !== self) conflict('该单位已有开始和结束时间完全相同的班次');
}

const candidate = (shiftId: string | null, start: Date, end: Date, plans: PersonPlan[]) => ({ shiftId, start, end, people: plans });

/** Creates a shift with its leader and officers; a person already on an overlapping shift is a 409. */
export async function createShift(ctx: Ctx, input: CreateDutyShiftInput): Promise<DutyShiftDto> {
  const org = await dutyOrg(ctx, input.orgId, 'duty.manage');
  const { start, end } = shiftTimes(input.startsAt, input.endsAt);
  await repo.lockRoster(ctx.tx);
  await assertWindowFree(ctx, org.id, start, end, null);
  const plans = await planPeople(ctx, org.id, input.leader, input.officers);
  const id = newId();
  await assertNoOverlap(ctx, candidate(id, start, end, plans));
  await repo.insertShift(ctx.tx, {
    id,
    org_id: org.id,
    org_path: org.path,
    starts_at: start,
    ends_at: end,
    kind: input.kind,
    note: input.note || null,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await repo.replacePeople(ctx.tx, id, personInserts(ctx, id, plans));
  const after = { orgId: org.id, startsAt: start, endsAt: end, kind: input.kind, ...peopleSummary(plans) };
  await recordAudit(ctx, { action: 'duty.shift_created', entity: 'duty_shift', entityId: id, after });
  await emit(ctx, DUTY_EVENTS.shiftCreated, { shiftId: id, orgId: org.id, startsAt: start, endsAt: end }, dutyTopic(org.path));
  return shiftDto(ctx, (await repo.findShift(ctx.tx, id))!);
}

/** Changes a shift's times, kind, note or people; the overlap rule is checked again. */
export async function updateShift(ctx: Ctx, id: string, input: UpdateDutyShiftInput): Promise<DutyShiftDto> {
  const shift = await loadShift(ctx, id, 'duty.manage');
  await repo.lockRoster(ctx.tx);
  const { start, end } = shiftTimes(input.startsAt ?? shift.starts_at.toISOString(), input.endsAt ?? shift.ends_at.toISOString());
  const timesChanged = start.getTime() !== shift.starts_at.getTime() || end.getTime() !== shift.ends_at.getTime();
  if (timesChanged) await assertWindowFree(ctx, shift.org_id, start, end, id);
  const previous = await repo.peopleOf(ctx.tx, [id]);
  const peopleChanged = input.leader !== undefined || input.officers !== undefined;
  let plans = plansFromRows(previous);
  if (peopleChanged) {
    const fresh = await planPeople(ctx, shift.org_id, input.leader ?? null, input.officers ?? []);
    const pick = (role: PersonPlan['role'], replaced: boolean) => (replaced ? fresh : plans).filter((p) => p.role === role);
    plans = [...pick('leader', input.leader !== undefined), ...pick('officer', input.officers !== undefined)];
    assertDistinct(plans);
  }
  if (timesChanged || peopleChanged) await assertNoOverlap(ctx, candidate(id, start, end, plans));
  const patch = {
    ...(timesChanged ? { starts_at: start, ends_at: end } : {}),
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.note !== undefined ? { note: input.note || null } : {}),
  };
  await repo.updateShift(ctx.tx, id, patch, ctx.now);
  if (peopleChanged) await repo.replacePeople(ctx.tx, id, personInserts(ctx, id, plans, previous));
  await recordAudit(ctx, {
    action: 'duty.shift_updated',
    entity: 'duty_shift',
    entityId: id,
    before: {
      startsAt: shift.starts_at,
      endsAt: shift.ends_at,
      kind: shift.kind,
      note: shift.note,
      ...peopleSummary(plansFromRows(previous)),
    },
    after: { ...patch, ...(peopleChanged ? peopleSummary(plans) : {}) },
  });
  await emit(ctx, DUTY_EVENTS.shiftUpdated, { shiftId: id, orgId: shift.org_id, startsAt: start, endsAt: end }, dutyTopic(shift.org_path));
  return shiftDto(ctx, (await repo.findShift(ctx.tx, id))!);
}

/** Deletes a shift nobody has signed in to and no handover refers to. */
export async function deleteShift(ctx: Ctx, id: string): Promise<void> {
  const shift = await loadShift(ctx, id, 'duty.manage');
  const people = await repo.peopleOf(ctx.tx, [id]);
  if (people.some((p) => p.signed_in_at)) conflict('已有人员签到的班次不能删除');
  if (await repo.shiftHasHandovers(ctx.tx, id)) conflict('已有交接班记录的班次不能删除');
  await repo.deleteShift(ctx.tx, id);
  await recordAudit(ctx, {
    action: 'duty.shift_deleted',
    entity: 'duty_shift',
    entityId: id,
    before: {
      orgId: shift.org_id,
      startsAt: shift.starts_at,
      endsAt: shift.ends_at,
      kind: shift.kind,
      ...peopleSummary(plansFromRows(people)),
    },
  });
  await emit(ctx, DUTY_EVENTS.shiftDeleted, { shiftId: id, orgId: shift.org_id }, dutyTopic(shift.org_path));
}

/** One org's shifts overlapping [from, to): the month calendar. */
export async function listShifts(ctx: Ctx, q: DutyShiftQuery): Promise<PageOf<DutyShiftDto>> {
  const org = await dutyOrg(ctx, q.orgId, 'duty.read');
  const after = decodeCursor(q.cursor);
  const range = { orgId: org.id, from: new Date(q.from), to: new Date(q.to) };
  const rows = await repo.listShifts(ctx.tx, { ...range, after: after && { startsAt: after.at, id: after.id }, limit: q.limit + 1 });
  const people = await repo.peopleOf(
    ctx.tx,
    rows.map((r) => r.id),
  );
  const full = seesPhones(ctx.actor, org.path);
  return pageOf(
    rows,
    q.limit,
    await repo.countShifts(ctx.tx, range),
    (r) => presentShift(r, people, full, ctx.platform.config),
    (r) => [r.starts_at, r.id],
  );
}

/** One shift. */
export async function getShift(ctx: Ctx, id: string): Promise<DutyShiftDto> {
  return shiftDto(ctx, await loadShift(ctx, id, 'duty.read'));
}
