import { DUTY_EVENTS, type CreateDutySwapInput, type DutySwapDto, type DutySwapQuery, type PageOf } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { refuse } from '../../platform/audit/audited-error.js';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import { authorizeRow } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../notifications/index.js';
import { decodeCursor, pageOf } from './duty-cursor.js';
import { formatBeijing } from './duty-time.js';
import { actingUser, dutyOrg } from './duty.policy.js';
import { iso, isoOrNull } from './duty.presenter.js';
import { assertNoOverlap } from './roster-people.js';
import { dutyTopic, loadShift } from './roster.service.js';
import * as repo from './shifts.repository.js';
import type { ShiftRow } from './shifts.repository.js';
import * as swaps from './swaps.repository.js';
import type { SwapRow } from './swaps.repository.js';

function presentSwap(w: SwapRow): DutySwapDto {
  return {
    id: w.id,
    orgId: w.org_id,
    shiftId: w.shift_id,
    shiftStartsAt: iso(w.shift_starts_at),
    shiftEndsAt: iso(w.shift_ends_at),
    personId: w.person_id,
    fromName: w.from_name,
    fromUserId: w.from_user_id,
    toUser: { id: w.to_user_id, name: w.to_name },
    reason: w.reason,
    status: w.status,
    requestedBy: { id: w.requested_by, name: w.requested_by_name },
    requestedAt: iso(w.requested_at),
    decidedBy: w.decided_by ? { id: w.decided_by, name: w.decided_by_name ?? '' } : null,
    decidedAt: isoOrNull(w.decided_at),
    decisionNote: w.decision_note,
  };
}

async function incomingUser(ctx: Ctx, shift: ShiftRow, userId: string) {
  const u = await repo.findUserBrief(ctx.tx, userId);
  if (!u || u.status !== 'active' || u.org_id !== shift.org_id) invalid('toUserId', '接班人员不存在、已停用或不属于该单位');
  return u;
}

/** Checks the incoming user may take the person's place on the shift (not on it already, free at that time). */
async function assertCanTakeOver(ctx: Ctx, shift: ShiftRow, userId: string, name: string): Promise<void> {
  if (shift.ends_at <= ctx.now) conflict('班次已结束，不能换班');
  const people = await repo.peopleOf(ctx.tx, [shift.id]);
  if (people.some((p) => p.user_id === userId)) conflict(`${name} 已在该班次中`);
  await assertNoOverlap(ctx, { shiftId: shift.id, start: shift.starts_at, end: shift.ends_at, people: [{ key: `u:${userId}`, name }] });
}

/**
 * Asks for one person of a shift to be replaced by another user of the org. Duty officers ask
 * for themselves; roster managers for anyone. Managers of the org are told.
 */
export async function requestSwap(ctx: Ctx, input: CreateDutySwapInput): Promise<DutySwapDto> {
  const me = actingUser(ctx);
  const shift = await loadShift(ctx, input.shiftId, 'duty.read');
  const manages = hasPermissionIn(ctx.actor, 'duty.manage', shift.org_path);
  if (!manages && !hasPermissionIn(ctx.actor, 'duty.sign', shift.org_path)) throw new AppError('FORBIDDEN', '缺少权限 duty.sign');
  const person = (await repo.peopleOf(ctx.tx, [shift.id])).find((p) => p.id === input.fromPerson);
  if (!person) invalid('fromPerson', '该班次中没有此值班人员');
  if (!manages && person.user_id !== me) throw new AppError('FORBIDDEN', '只能为自己申请换班');
  const to = await incomingUser(ctx, shift, input.toUserId);
  if (to.id === person.user_id) invalid('toUserId', '接班人员与原值班人员相同');
  if (await swaps.pendingSwapFor(ctx.tx, person.id)) conflict(`${person.name} 已有待审批的换班申请`);
  await assertCanTakeOver(ctx, shift, to.id, to.display_name);
  const id = newId();
  await swaps.insertSwap(ctx.tx, {
    id,
    org_id: shift.org_id,
    org_path: shift.org_path,
    shift_id: shift.id,
    person_id: person.id,
    from_name: person.name,
    from_user_id: person.user_id,
    to_user_id: to.id,
    reason: input.reason,
    requested_by: me,
    requested_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'duty.swap_requested',
    entity: 'duty_swap',
    entityId: id,
    after: { shiftId: shift.id, from: person.name, to: to.display_name, reason: input.reason },
  });
  await emit(ctx, DUTY_EVENTS.swapRequested, { swapId: id, shiftId: shift.id, orgId: shift.org_id }, dutyTopic(shift.org_path));
  await notify(ctx, {
    orgId: shift.org_id,
    permission: 'duty.manage',
    title: `换班申请待审批：${person.name} → ${to.display_name}`,
    body: `${shift.org_name} ${formatBeijing(shift.starts_at)} 班次；理由：${input.reason}`.slice(0, 2000),
    link: '/duty/swaps',
    severity: 'info',
  });
  return presentSwap((await swaps.findSwap(ctx.tx, id))!);
}

/**
 * Approves or rejects a pending swap: by a roster manager of the org who did not ask for it.
 * Approving re-checks that the incoming user is free, then puts them on the shift.
 */
export async function decideSwap(ctx: Ctx, id: string, approve: boolean, note: string | undefined): Promise<DutySwapDto> {
  const me = actingUser(ctx);
  const swap = await authorizeRow(ctx, 'duty.manage', 'duty_swap', id, await swaps.findSwap(ctx.tx, id), 'duty.read');
  const action = approve ? 'duty.swap_approved' : 'duty.swap_rejected';
  if (swap.requested_by === me) refuse('FORBIDDEN', '不能审批自己提交的换班申请', { action, entity: 'duty_swap', entityId: id });
  if (swap.status !== 'pending') conflict('该换班申请已处理');
  if (approve) {
    await repo.lockRoster(ctx.tx);
    const shift = (await repo.findShift(ctx.tx, swap.shift_id))!;
    const person = (await repo.peopleOf(ctx.tx, [shift.id])).find((p) => p.id === swap.person_id);
    if (!person) conflict(`${swap.from_name} 已不在该班次中，换班申请无法执行`);
    const to = await incomingUser(ctx, shift, swap.to_user_id);
    await assertCanTakeOver(ctx, shift, to.id, to.display_name);
    await repo.replacePerson(ctx.tx, person.id, { user_id: to.id, name: to.display_name, person_key: `u:${to.id}` });
  }
  await swaps.decideSwap(ctx.tx, id, {
    status: approve ? 'approved' : 'rejected',
    decided_by: me,
    decided_at: ctx.now,
    decision_note: note || null,
  });
  await recordAudit(ctx, { action, entity: 'duty_swap', entityId: id, after: { note: note ?? null } });
  await emit(ctx, DUTY_EVENTS.swapDecided, { swapId: id, shiftId: swap.shift_id, approved: approve }, dutyTopic(swap.org_path));
  await notify(ctx, {
    userIds: [swap.requested_by],
    title: `换班申请已${approve ? '批准' : '驳回'}：${swap.from_name} → ${swap.to_name}`,
    body: note || null,
    link: '/duty/swaps',
    severity: 'info',
  });
  return presentSwap((await swaps.findSwap(ctx.tx, id))!);
}

/** Swap requests of one org, newest first. */
export async function listSwaps(ctx: Ctx, q: DutySwapQuery): Promise<PageOf<DutySwapDto>> {
  const org = await dutyOrg(ctx, q.orgId, 'duty.read');
  const rows = await swaps.listSwaps(ctx.tx, { orgId: org.id, status: q.status, after: decodeCursor(q.cursor), limit: q.limit + 1 });
  return pageOf(rows, q.limit, await swaps.countSwaps(ctx.tx, org.id, q.status), presentSwap, (r) => [r.requested_at, r.id]);
}
