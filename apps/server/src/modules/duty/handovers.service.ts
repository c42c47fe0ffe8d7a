import {
  DUTY_EVENTS,
  type CreateHandoverInput,
  type HandoverDto,
  type HandoverOpenItemsDto,
  type HandoverQuery,
  type PageOf,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { scopePaths } from '../../platform/auth/actor.js';
import { authorizeRow } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import type { OrgRow } from '../../platform/db/schema.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../notifications/index.js';
import { findOrg } from '../orgs/index.js';
import { decodeCursor, pageOf } from './duty-cursor.js';
import { formatBeijing } from './duty-time.js';
import { openIncidents, reportingOpenItems } from './duty.ports.js';
import { actingUser, dutyOrg } from './duty.policy.js';
import { iso, isoOrNull } from './duty.presenter.js';
import * as handovers from './handovers.repository.js';
import type { HandoverRow } from './handovers.repository.js';
import { dutyTopic, loadShift } from './roster.service.js';
import * as repo from './shifts.repository.js';
import { countersignDueAt, handoverOverdue } from './sign-window.js';

/** Handover row → API shape; `overdue` is judged at `now`. */
export function presentHandover(h: HandoverRow, now: Date): HandoverDto {
  return {
    id: h.id,
    orgId: h.org_id,
    orgName: h.org_name,
    fromShift: { id: h.from_shift_id, kind: h.from_kind, startsAt: iso(h.from_starts_at), endsAt: iso(h.from_ends_at) },
    toShift: { id: h.to_shift_id, kind: h.to_kind, startsAt: iso(h.to_starts_at), endsAt: iso(h.to_ends_at) },
    notes: h.notes,
    openItems: h.open_items as HandoverOpenItemsDto,
    createdBy: h.created_by ? { id: h.created_by, name: h.created_by_name ?? '' } : null,
    createdAt: iso(h.created_at),
    countersignDueAt: iso(h.countersign_due_at),
    countersignedBy: h.countersigned_by ? { id: h.countersigned_by, name: h.countersigned_by_name ?? '' } : null,
    countersignedAt: isoOrNull(h.countersigned_at),
    overdue: handoverOverdue(h, now),
    leaderNotifiedAt: isoOrNull(h.leader_notified_at),
  };
}

/** Everything the org still has open at `at`: incidents in progress, reports due, instructions unanswered. */
export async function gatherOpenItems(ctx: Ctx, org: Pick<OrgRow, 'path'>, at: Date): Promise<HandoverOpenItemsDto> {
  const incidents = await openIncidents(ctx.tx, org.path, at);
  const owed = await reportingOpenItems(ctx.tx, { orgPath: org.path, at });
  return {
    incidents: incidents.map((i) => ({ id: i.id, title: i.title, status: i.status, grade: i.grade, receivedAt: iso(i.received_at) })),
    reportsDue: owed.reportsDue,
    instructions: owed.instructions,
  };
}

/**
 * The outgoing officer hands over to the next shift of the same org. Open items are listed
 * automatically; the incoming shift's people are told and must countersign within 30 minutes
 * of the shift change.
 */
export async function createHandover(ctx: Ctx, input: CreateHandoverInput): Promise<HandoverDto> {
  const me = actingUser(ctx);
  const from = await loadShift(ctx, input.fromShiftId, 'duty.sign');
  const to = await loadShift(ctx, input.toShiftId, 'duty.read');
  if (to.org_id !== from.org_id) invalid('toShiftId', '接班班次应与交班班次属于同一单位');
  if (to.starts_at <= from.starts_at) invalid('toShiftId', '接班班次应晚于交班班次');
  const fromPeople = await repo.peopleOf(ctx.tx, [from.id]);
  if (!fromPeople.some((p) => p.user_id === me)) throw new AppError('FORBIDDEN', '只有交班班次的值班人员可以填写交接班');
  if (ctx.now < from.starts_at) conflict('交班班次尚未开始，不能交接班');
  if (await handovers.handoverOfShift(ctx.tx, from.id)) conflict('该班次已填写交接班记录');
  const org = (await findOrg(ctx.tx, from.org_id))!;
  const openItems = await gatherOpenItems(ctx, org, ctx.now);
  const id = newId();
  await handovers.insertHandover(ctx.tx, {
    id,
    org_id: org.id,
    org_path: org.path,
    from_shift_id: from.id,
    to_shift_id: to.id,
    notes: input.notes,
    open_items: JSON.stringify(openItems),
    created_by: me,
    created_at: ctx.now,
    countersign_due_at: countersignDueAt(from.ends_at),
  });
  const counts = {
    incidents: openItems.incidents.length,
    reportsDue: openItems.reportsDue.length,
    instructions: openItems.instructions.length,
  };
  await recordAudit(ctx, {
    action: 'duty.handover_created',
    entity: 'duty_handover',
    entityId: id,
    after: { fromShiftId: from.id, toShiftId: to.id, ...counts },
  });
  await emit(ctx, DUTY_EVENTS.handoverCreated, { handoverId: id, orgId: org.id, ...counts }, dutyTopic(org.path));
  const incoming = (await repo.peopleOf(ctx.tx, [to.id])).flatMap((p) => (p.user_id ? [p.user_id] : []));
  if (incoming.length > 0)
    await notify(ctx, {
      userIds: incoming,
      title: `交接班待签收：${org.name} ${formatBeijing(to.starts_at)} 班次`,
      body: `未结事件 ${counts.incidents} 起，待报 ${counts.reportsDue} 项，未办结批示 ${counts.instructions} 项`,
      link: `/duty/handovers/${id}`,
      severity: 'warning',
    });
  return presentHandover((await handovers.findHandover(ctx.tx, id))!, ctx.now);
}

/** The incoming shift's officer countersigns (接班签收). */
export async function countersignHandover(ctx: Ctx, id: string): Promise<HandoverDto> {
  const me = actingUser(ctx);
  const h = await authorizeRow(ctx, 'duty.sign', 'duty_handover', id, await handovers.findHandover(ctx.tx, id), 'duty.read');
  const toPeople = await repo.peopleOf(ctx.tx, [h.to_shift_id]);
  if (!toPeople.some((p) => p.user_id === me)) throw new AppError('FORBIDDEN', '只有接班班次的值班人员可以签收');
  if (h.countersigned_at) conflict('该交接班已签收');
  await handovers.countersign(ctx.tx, id, me, ctx.now);
  const late = handoverOverdue(h, ctx.now);
  await recordAudit(ctx, { action: 'duty.handover_countersigned', entity: 'duty_handover', entityId: id, after: { late } });
  await emit(ctx, DUTY_EVENTS.handoverCountersigned, { handoverId: id, orgId: h.org_id, late }, dutyTopic(h.org_path));
  return presentHandover((await handovers.findHandover(ctx.tx, id))!, ctx.now);
}

/** One handover. */
export async function getHandover(ctx: Ctx, id: string): Promise<HandoverDto> {
  const h = await authorizeRow(ctx, 'duty.read', 'duty_handover', id, await handovers.findHandover(ctx.tx, id));
  return presentHandover(h, ctx.now);
}

/** Handovers of the actor's subtree (or of one org's), newest first; `overdue=true` lists the flagged ones. */
export async function listHandovers(ctx: Ctx, q: HandoverQuery): Promise<PageOf<HandoverDto>> {
  const paths = q.orgId ? [(await dutyOrg(ctx, q.orgId, 'duty.read')).path] : scopePaths(ctx.actor, 'duty.read');
  const filter = {
    paths,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    unsigned: q.unsigned === 'true',
    overdueAt: q.overdue === 'true' ? ctx.now : undefined,
  };
  const rows = await handovers.listHandovers(ctx.tx, { ...filter, after: decodeCursor(q.cursor), limit: q.limit + 1 });
  return pageOf(
    rows,
    q.limit,
    await handovers.countHandovers(ctx.tx, filter),
    (h) => presentHandover(h, ctx.now),
    (h) => [h.created_at, h.id],
  );
}
