import type { CreateIncidentInput, IncidentDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import type { OrgRow } from '../../platform/db/schema.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findOrg, resolveOrgRef } from '../orgs/index.js';
import { computeGrade } from './grading.js';
import { alertDutyDesks } from './incident-alerts.js';
import { assertTimes, resolveEventType, sealPhone } from './incident-fields.js';
import { maskPhone } from './incident-input.js';
import { resolveLocation } from './incident-location.js';
import { listGradingRules } from './incident-parts.repository.js';
import { presentOne } from './incident-queries.service.js';
import { writeTimeline } from './incident-timeline.js';
import * as repo from './incidents.repository.js';
import { emitIncidentEvent, INCIDENT_EVENTS } from './incidents.events.js';
import { can, incidentScope } from './incidents.policy.js';

/** Radius and time window of the duplicate hint. */
export const DUPLICATE_RADIUS_M = 2000;

export interface CreateResult {
  incident: IncidentDto;
  /** False when an external system sent a reference it had sent before: the existing incident. */
  created: boolean;
}

async function owningOrg(ctx: Ctx, orgId: string | undefined): Promise<OrgRow> {
  if (orgId) return resolveOrgRef(ctx, orgId, 'orgId', 'incident.create');
  const own = ctx.actor.orgId ? await findOrg(ctx.tx, ctx.actor.orgId) : undefined;
  if (!own) invalid('orgId', '请指定事件所属单位');
  if (!hasPermissionIn(ctx.actor, 'incident.create', own.path)) throw new AppError('FORBIDDEN', '缺少权限 incident.create');
  return own;
}

async function existingExternal(ctx: Ctx, input: CreateIncidentInput): Promise<CreateResult | null> {
  if (!input.externalSource || !input.externalRef) return null;
  const row = await repo.findByExternalRef(ctx.tx, input.externalSource, input.externalRef);
  if (!row) return null;
  if (!can(ctx.actor, 'incident.read', row)) conflict(`外部编号 ${input.externalSource}/${input.externalRef} 已被其他单位使用`);
  return { incident: await presentOne(ctx, row.id), created: false };
}

/**
 * Records a new incident (接报): validates the event code, times and location, derives the
 * county, computes the grade from the rules, looks for duplicates nearby, seals the reporter's
 * phone, writes the timeline and audit rows, emits `incident.created` and alerts the duty desks
 * of the org and its parent. An external system's repeated reference returns the first incident.
 */
export async function createIncident(ctx: Ctx, input: CreateIncidentInput): Promise<CreateResult> {
  const again = await existingExternal(ctx, input);
  if (again) return again;
  const org = await owningOrg(ctx, input.orgId);
  const { eventType, category } = await resolveEventType(ctx.tx, input.eventType);
  const occurredAt = new Date(input.occurredAt);
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : ctx.now;
  assertTimes(occurredAt, receivedAt, ctx.now);
  const where = await resolveLocation(ctx.tx, input.location, org.division_code);
  const numbers = {
    dead: input.dead ?? 0,
    missing: input.missing ?? 0,
    seriously_injured: input.seriouslyInjured ?? 0,
    lightly_injured: input.lightlyInjured ?? 0,
    direct_loss_yuan: input.directLossYuan ?? 0,
    affected: input.affected ?? 0,
    evacuated: input.evacuated ?? 0,
  };
  const grade = computeGrade(await listGradingRules(ctx.tx), {
    category,
    dead: numbers.dead,
    missing: numbers.missing,
    seriouslyInjured: numbers.seriously_injured,
    lightlyInjured: numbers.lightly_injured,
    directLossYuan: numbers.direct_loss_yuan,
    affected: numbers.affected,
    evacuated: numbers.evacuated,
  });
  const candidates = where.point
    ? await repo.findDuplicateCandidates(
        ctx.tx,
        { category, point: where.point, occurredAt, receivedAt, scope: incidentScope(ctx.actor) },
        DUPLICATE_RADIUS_M,
      )
    : [];
  const id = newId();
  const phone = input.reporterPhone || null;
  const inserted = await repo.insertIncident(ctx.tx, {
    id,
    org_id: org.id,
    org_path: org.path,
    title: input.title,
    event_type: eventType,
    category,
    grade,
    computed_grade: grade,
    grade_source: 'computed',
    status: 'received',
    merged_into_id: null,
    occurred_at: occurredAt,
    received_at: receivedAt,
    point: where.point,
    address: input.address || null,
    county_code: where.county_code,
    township_code: where.township_code,
    out_of_jurisdiction: where.out_of_jurisdiction,
    source: input.source,
    reporter_name: input.reporterName || null,
    reporter_phone_sealed: phone ? sealPhone(ctx.platform.config, id, phone) : null,
    reporter_phone_masked: phone ? maskPhone(phone) : null,
    description: input.description || null,
    ...numbers,
    duplicate_hint: candidates.length > 0,
    duplicate_candidate_ids: candidates.map((c) => c.id),
    external_source: input.externalSource ?? null,
    external_ref: input.externalRef ?? null,
    is_demo: false,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
  if (!inserted) {
    // Another request with the same external reference committed first.
    const raced = await existingExternal(ctx, input);
    if (raced) return raced;
    conflict('外部编号重复');
  }
  const row = (await repo.findIncidentRow(ctx.tx, id))!;
  await writeTimeline(ctx, id, {
    kind: 'created',
    summary: `接报：${row.title}`,
    data: { grade, source: row.source, duplicateCandidates: candidates.map((c) => c.id) },
  });
  if (candidates.length > 0)
    await writeTimeline(ctx, id, {
      kind: 'duplicate_hint',
      summary: `疑似重复：2 公里、2 小时内有 ${candidates.length} 起同类事件`,
      data: { candidates: candidates.map((c) => ({ id: c.id, distanceM: Math.round(c.distance_m ?? 0) })) },
    });
  await recordAudit(ctx, {
    action: 'incident.created',
    entity: 'incident',
    entityId: id,
    after: {
      title: row.title,
      orgId: row.org_id,
      eventType,
      grade,
      occurredAt: row.occurred_at,
      receivedAt: row.received_at,
      countyCode: row.county_code,
      outOfJurisdiction: row.out_of_jurisdiction,
      reporterPhone: row.reporter_phone_masked,
      externalSource: row.external_source,
      externalRef: row.external_ref,
    },
  });
  await emitIncidentEvent(ctx, INCIDENT_EVENTS.created, row, { previousGrade: null });
  await alertDutyDesks(ctx, row, 'created');
  return { incident: await presentOne(ctx, id), created: true };
}
