import {
  REPORT_KIND_ZH,
  REPORTING_EVENTS,
  type InboxQuery,
  type PageOf,
  type ReportChainDto,
  type ReportDto,
  type ReportEventPayload,
  type ReportKind,
  type SubmitReportInput,
} from '@vigil/shared';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { addTimelineEntry, findIncidentForActor, type IncidentRow } from '../incidents/index.js';
import { notify } from '../notifications/index.js';
import { addMinutes, pickRule } from './deadline-rules.js';
import * as dl from './deadlines.repository.js';
import { ruleDescriptions, syncIncidentDeadlines } from './deadlines.service.js';
import { forwardKind, reportRefusal, type ChainState } from './report-rules.js';
import { presentDeadline, presentReport } from './reporting.presenter.js';
import { actorName, decodeCursor, encodeCursor } from './reporting-scope.js';
import { reportDesk } from './recipients.js';
import * as repo from './reports.repository.js';

const TOPIC = 'reports';

interface SendInput {
  kind: ReportKind;
  text: string;
  phoneReportedAt?: string | undefined;
  attachmentIds?: readonly string[] | undefined;
  forwardedFrom?: repo.ReportRow;
}

async function chainState(ctx: Ctx, incident: IncidentRow, orgId: string): Promise<ChainState> {
  const sent = await repo.sentBy(ctx.tx, incident.id, orgId);
  const rule = pickRule(await dl.loadRules(ctx.tx), 'supplement', incident.event_type, incident.grade);
  return {
    sent: sent.map((r) => r.kind),
    status: incident.status,
    now: ctx.now,
    supplementUntil: rule ? addMinutes(new Date(incident.occurred_at), rule.offsetMinutes) : null,
  };
}

function checkPhoneTime(input: SendInput, incident: IncidentRow, now: Date): Date | null {
  if (!input.phoneReportedAt) return null;
  if (input.kind !== 'first') invalid('phoneReportedAt', '仅首报可填写电话报告时间');
  const at = new Date(input.phoneReportedAt);
  if (at.getTime() > now.getTime()) invalid('phoneReportedAt', '电话报告时间不能晚于当前时间');
  if (at.getTime() < new Date(incident.received_at).getTime()) invalid('phoneReportedAt', '电话报告时间不能早于接报时间');
  return at;
}

/** Sends one report from `from` to its parent: snapshot, audit, timeline, event, notification, deadlines. */
async function send(
  ctx: Ctx,
  incident: IncidentRow,
  chain: repo.ChainOrgRow[],
  from: repo.ChainOrgRow,
  input: SendInput,
): Promise<ReportDto> {
  const to = chain.find((o) => o.id === from.parent_id);
  if (!to) throw new AppError('CONFLICT', `${from.name}已是最高一级，无需上报`);
  const state = await chainState(ctx, incident, from.id);
  const refusal = reportRefusal(input.kind, state);
  if (refusal) throw new AppError('CONFLICT', refusal, { errors: [{ field: 'kind', message: refusal }] });
  const phoneAt = checkPhoneTime(input, incident, ctx.now);
  const wanted = [...new Set(input.attachmentIds ?? [])];
  const known = await repo.attachmentsOfIncident(ctx.tx, incident.id, wanted);
  // A forward keeps the references still valid; a new report must name existing attachments only.
  if (!input.forwardedFrom) wanted.forEach((a, i) => known.has(a) || invalid(`attachmentIds.${i}`, '附件不存在或不属于该事件'));
  const attachmentIds = wanted.filter((a) => known.has(a));
  const id = newId();
  const version = state.sent.length + 1;
  await repo.insertReport(ctx.tx, {
    id,
    incident_id: incident.id,
    org_id: from.id,
    org_path: from.path,
    to_org_id: to.id,
    to_org_path: to.path,
    kind: input.kind,
    version,
    text: input.text,
    title: incident.title,
    event_type: incident.event_type,
    grade: incident.grade,
    status: incident.status,
    dead: incident.dead,
    missing: incident.missing,
    seriously_injured: incident.seriously_injured,
    lightly_injured: incident.lightly_injured,
    direct_loss_yuan: incident.direct_loss_yuan,
    attachment_ids: attachmentIds,
    phone_reported_at: phoneAt,
    forwarded_from_id: input.forwardedFrom?.id ?? null,
    submitted_at: ctx.now,
    submitted_by: ctx.actor.userId,
    submitted_by_name: actorName(ctx.actor),
  });
  const kindZh = REPORT_KIND_ZH[input.kind];
  const forwarded = input.forwardedFrom;
  await recordAudit(ctx, {
    action: 'report.submitted',
    entity: 'incident_report',
    entityId: id,
    after: {
      incidentId: incident.id,
      kind: input.kind,
      version,
      fromOrgId: from.id,
      toOrgId: to.id,
      forwardedFromId: forwarded?.id ?? null,
    },
  });
  await addTimelineEntry(ctx, incident.id, {
    kind: 'report.submitted',
    summary: forwarded
      ? `${from.name}将${forwarded.from_org_name}的${REPORT_KIND_ZH[forwarded.kind]}转报${to.name}（${kindZh}）`
      : `${from.name}向${to.name}提交${kindZh}（第 ${version} 次报送）`,
    data: { reportId: id, kind: input.kind, version, fromOrgId: from.id, toOrgId: to.id },
  });
  const payload: ReportEventPayload = {
    reportId: id,
    incidentId: incident.id,
    incidentTitle: incident.title,
    kind: input.kind,
    fromOrgId: from.id,
    toOrgId: to.id,
    submittedAt: ctx.now.toISOString(),
    acknowledgedAt: null,
  };
  await emit(ctx, REPORTING_EVENTS.submitted, payload, { topic: TOPIC, orgPath: to.path, permission: 'incident.read' });
  const desk = (await reportDesk(ctx.tx, to.id, ctx.now)).filter((u) => u !== ctx.actor.userId);
  if (desk.length > 0)
    await notify(ctx, {
      userIds: desk,
      title: `收到${from.name}${kindZh}：${incident.title}`.slice(0, 200),
      body: `伤亡：死亡 ${incident.dead}，失踪 ${incident.missing}，重伤 ${incident.seriously_injured}，轻伤 ${incident.lightly_injured}。请及时签收。`,
      link: `/incidents/${incident.id}`,
      severity: incident.grade !== null && incident.grade <= 2 ? 'critical' : 'warning',
    });
  await syncIncidentDeadlines(ctx.tx, incident, ctx.now);
  const row = (await repo.findReport(ctx.tx, id))!;
  return presentReport(row);
}

/**
 * Submits a report on an incident as the actor's own org, which must be the incident's org or one
 * above it on the chain (a county's report, or the city reporting on to the province).
 */
export async function submitReport(ctx: Ctx, incidentId: string, input: SubmitReportInput): Promise<ReportDto> {
  const incident = await findIncidentForActor(ctx, incidentId);
  const chain = await repo.chainOf(ctx.tx, incident.org_path);
  const from = chain.find((o) => o.id === ctx.actor.orgId);
  if (!from) forbidden('本单位不在该事件的报送链上，无法报送');
  if (!hasPermissionIn(ctx.actor, 'incident.report', from.path)) forbidden('缺少权限 incident.report');
  return send(ctx, incident, chain, from, input);
}

/** Loads a report the actor may see (from or to an org in their scope) and locks it; else an audited 404. */
async function loadReport(ctx: Ctx, id: string): Promise<repo.ReportRow> {
  await repo.lockReport(ctx.tx, id);
  const r = (await repo.findReport(ctx.tx, id)) ?? notFound('报告', id);
  const visible = hasPermissionIn(ctx.actor, 'incident.read', r.org_path) || hasPermissionIn(ctx.actor, 'incident.read', r.to_org_path);
  if (!visible) return denyOutOfScope(ctx, 'incident_report', id);
  if (!hasPermissionIn(ctx.actor, 'incident.report', r.to_org_path)) forbidden('只有接收单位可以签收或转报该报告');
  return r;
}

async function acknowledge(ctx: Ctx, r: repo.ReportRow): Promise<void> {
  if (r.acknowledged_at || !(await repo.markAcknowledged(ctx.tx, r.id, ctx.now, { id: ctx.actor.userId, name: actorName(ctx.actor) })))
    return;
  await recordAudit(ctx, {
    action: 'report.acknowledged',
    entity: 'incident_report',
    entityId: r.id,
    after: { incidentId: r.incident_id },
  });
  await addTimelineEntry(ctx, r.incident_id, {
    kind: 'report.acknowledged',
    summary: `${r.to_org_name}签收${r.from_org_name}的${REPORT_KIND_ZH[r.kind]}`,
    data: { reportId: r.id },
  });
  const payload: ReportEventPayload = {
    reportId: r.id,
    incidentId: r.incident_id,
    incidentTitle: r.title,
    kind: r.kind,
    fromOrgId: r.org_id,
    toOrgId: r.to_org_id,
    submittedAt: new Date(r.submitted_at).toISOString(),
    acknowledgedAt: ctx.now.toISOString(),
  };
  await emit(ctx, REPORTING_EVENTS.acknowledged, payload, { topic: TOPIC, orgPath: r.to_org_path, permission: 'incident.read' });
  if (r.submitted_by && r.submitted_by !== ctx.actor.userId)
    await notify(ctx, {
      userIds: [r.submitted_by],
      title: `${r.to_org_name}已签收${REPORT_KIND_ZH[r.kind]}：${r.title}`.slice(0, 200),
      link: `/incidents/${r.incident_id}`,
      severity: 'info',
    });
}

/** The receiving org's read receipt (who and when); acknowledging twice changes nothing. */
export async function acknowledgeReport(ctx: Ctx, id: string): Promise<ReportDto> {
  const r = await loadReport(ctx, id);
  await acknowledge(ctx, r);
  return presentReport((await repo.findReport(ctx.tx, id))!);
}

/** The receiving org passes a report up as its own report to its parent (acknowledging it on the way). */
export async function forwardReport(ctx: Ctx, id: string, text: string | undefined): Promise<ReportDto> {
  const r = await loadReport(ctx, id);
  if (r.forwarded_as_id) throw new AppError('CONFLICT', '该报告已转报上级');
  const incident = await findIncidentForActor(ctx, r.incident_id);
  const chain = await repo.chainOf(ctx.tx, incident.org_path);
  const from = chain.find((o) => o.id === r.to_org_id) ?? notFound('单位', r.to_org_id);
  await acknowledge(ctx, r);
  const kind = forwardKind(r.kind, await chainState(ctx, incident, from.id));
  const body = text?.trim() || `转报${r.from_org_name}${REPORT_KIND_ZH[r.kind]}：${r.text}`;
  return send(ctx, incident, chain, from, { kind, text: body.slice(0, 4000), attachmentIds: r.attachment_ids, forwardedFrom: r });
}

/** An incident's reporting chain: every report with its read receipt, and every deadline with its state. */
export async function reportChain(ctx: Ctx, incidentId: string): Promise<ReportChainDto> {
  const incident = await findIncidentForActor(ctx, incidentId);
  const reports = await repo.reportsOfIncident(ctx.tx, incident.id);
  const descriptions = await ruleDescriptions(ctx.tx);
  const deadlines = await dl.deadlinesOfIncident(ctx.tx, incident.id);
  return {
    incidentId: incident.id,
    reports: reports.map((r) => presentReport(r)),
    deadlines: deadlines.map((d) => presentDeadline(d, ctx.now, descriptions)),
  };
}

/** Reports sent to the actor's own org, newest first; `unacknowledged=true` lists those not yet signed for. */
export async function listInbox(ctx: Ctx, q: InboxQuery): Promise<PageOf<ReportDto>> {
  const after = decodeCursor(q.cursor);
  if (!ctx.actor.orgId) return { items: [], nextCursor: null, total: 0 };
  const f = { toOrgId: ctx.actor.orgId, unacknowledged: q.unacknowledged === 'true' };
  const rows = await repo.inbox(ctx.tx, f, after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentReport(r)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.submitted_at, last.id) : null,
    total: await repo.countInbox(ctx.tx, f),
  };
}
