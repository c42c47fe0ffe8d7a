import { DUTY_EVENTS, type CreateDutyLogInput, type DutyLogDto, type DutyLogQuery, type PageOf } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { scopePaths } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import { invalid } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from './duty-cursor.js';
import { logPhoneContext, sealPhone } from './duty-secrets.js';
import { checkIncidentLink } from './duty.ports.js';
import { dutyOrg, seesPhones } from './duty.policy.js';
import { iso, viewPhone } from './duty.presenter.js';
import * as logs from './log.repository.js';
import type { LogRow } from './log.repository.js';
import { maskPhone } from './people.js';
import { dutyTopic } from './roster.service.js';

/** Log entries may be recorded a little ahead of the server clock (skewed desk PCs), never later. */
const FUTURE_SLACK_MS = 5 * 60_000;

/** Log row → API shape (caller phone full or masked as for duty people). */
export function presentLog(ctx: Ctx, r: LogRow): DutyLogDto {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    at: iso(r.at),
    kind: r.kind,
    caller: r.caller,
    ...(({ phone, phoneMasked }) => ({ callerPhone: phone, phoneMasked }))(
      viewPhone(
        seesPhones(ctx.actor, r.org_path),
        { src: ctx.platform.config, value: r.caller_phone_sealed, context: logPhoneContext(r.id) },
        r.caller_phone_masked,
        null,
      ),
    ),
    summary: r.summary,
    incidentId: r.incident_id,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
    createdAt: iso(r.created_at),
  };
}

/** Records a call, event or notice in the duty log of an org where the actor is on the desk (`duty.sign`). */
export async function createLogEntry(ctx: Ctx, input: CreateDutyLogInput): Promise<DutyLogDto> {
  const org = await dutyOrg(ctx, input.orgId, 'duty.sign');
  const at = input.at ? new Date(input.at) : ctx.now;
  if (at.getTime() > ctx.now.getTime() + FUTURE_SLACK_MS) invalid('at', '时间不能晚于当前时间');
  if (input.incidentId) await checkIncidentLink(ctx, input.incidentId);
  const id = newId();
  await logs.insertLog(ctx.tx, {
    id,
    org_id: org.id,
    org_path: org.path,
    at,
    kind: input.kind,
    caller: input.caller ?? null,
    caller_phone_sealed: input.callerPhone ? sealPhone(ctx.platform.config, input.callerPhone, logPhoneContext(id)) : null,
    caller_phone_masked: input.callerPhone ? maskPhone(input.callerPhone) : null,
    summary: input.summary,
    incident_id: input.incidentId ?? null,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'duty.log_created',
    entity: 'duty_log',
    entityId: id,
    after: { orgId: org.id, at, kind: input.kind, caller: input.caller ?? null, incidentId: input.incidentId ?? null },
  });
  await emit(
    ctx,
    DUTY_EVENTS.logCreated,
    { logId: id, orgId: org.id, kind: input.kind, incidentId: input.incidentId ?? null },
    dutyTopic(org.path),
  );
  return presentLog(ctx, (await logs.findLog(ctx.tx, id))!);
}

/** Duty log entries of the actor's subtree (or one org's subtree), newest first, filtered. */
export async function listLog(ctx: Ctx, q: DutyLogQuery): Promise<PageOf<DutyLogDto>> {
  const paths = q.orgId ? [(await dutyOrg(ctx, q.orgId, 'duty.read')).path] : scopePaths(ctx.actor, 'duty.read');
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from >= to) invalid('to', '结束时间应晚于开始时间');
  const filter = { paths, from, to, kind: q.kind, incidentId: q.incidentId, q: q.q };
  const rows = await logs.listLog(ctx.tx, { ...filter, after: decodeCursor(q.cursor), limit: q.limit + 1 });
  return pageOf(
    rows,
    q.limit,
    await logs.countLog(ctx.tx, filter),
    (r) => presentLog(ctx, r),
    (r) => [r.at, r.id],
  );
}
