import { GRADE_ZH, type IncidentDto, type IncidentGrade, type OverrideGradeInput, type UpdateIncidentInput } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { conflict, invalid } from '../../platform/errors.js';
import { findOrg } from '../orgs/index.js';
import { computeGrade, effectiveGrade } from './grading.js';
import { checkVersion, loadIncident } from './incident-access.js';
import { alertDutyDesks } from './incident-alerts.js';
import { assertTimes, NUMBER_FIELDS, resolveEventType, sealPhone } from './incident-fields.js';
import { maskPhone, sameAmount } from './incident-input.js';
import { resolveLocation } from './incident-location.js';
import { listGradingRules } from './incident-parts.repository.js';
import { presentOne } from './incident-queries.service.js';
import { isEditable } from './incident-status.js';
import { writeTimeline } from './incident-timeline.js';
import * as repo from './incidents.repository.js';
import { emitIncidentEvent, INCIDENT_EVENTS } from './incidents.events.js';

const gradeName = (g: number | null) => (g ? GRADE_ZH[g as IncidentGrade] : '未定级');

/** After a grade change: timeline, `incident.graded`, and the duty desks alerted on escalation. */
async function afterGradeChange(ctx: Ctx, before: repo.IncidentRow, after: repo.IncidentRow, why: string): Promise<void> {
  if (before.grade === after.grade) return;
  await writeTimeline(ctx, after.id, {
    kind: 'graded',
    summary: `等级由${gradeName(before.grade)}变为${gradeName(after.grade)}（${why}）`,
    data: { from: before.grade, to: after.grade, source: after.grade_source },
  });
  await emitIncidentEvent(ctx, INCIDENT_EVENTS.graded, after, { previousGrade: before.grade, gradeSource: after.grade_source });
  const escalated = after.grade !== null && (before.grade === null || after.grade < before.grade);
  if (escalated) await alertDutyDesks(ctx, after, 'escalated');
}

type Patch = repo.IncidentPatch;

async function buildPatch(ctx: Ctx, row: repo.IncidentRow, input: UpdateIncidentInput): Promise<Patch> {
  const patch: Patch = {};
  if (input.title !== undefined && input.title !== row.title) patch.title = input.title;
  if (input.eventType !== undefined && input.eventType !== row.event_type) {
    const t = await resolveEventType(ctx.tx, input.eventType);
    patch.event_type = t.eventType;
    if (t.category !== row.category) patch.category = t.category;
  }
  if (input.occurredAt !== undefined || input.receivedAt !== undefined) {
    const occurred = input.occurredAt ? new Date(input.occurredAt) : new Date(row.occurred_at);
    const received = input.receivedAt ? new Date(input.receivedAt) : new Date(row.received_at);
    assertTimes(occurred, received, ctx.now);
    if (occurred.getTime() !== new Date(row.occurred_at).getTime()) patch.occurred_at = occurred;
    if (received.getTime() !== new Date(row.received_at).getTime()) patch.received_at = received;
  }
  if (input.location !== undefined) {
    const org = await findOrg(ctx.tx, row.org_id);
    const where = await resolveLocation(ctx.tx, input.location, org?.division_code ?? null);
    Object.assign(patch, where);
  }
  if (input.address !== undefined && (input.address || null) !== row.address) patch.address = input.address || null;
  const hasPoint = patch.point !== undefined ? patch.point !== null : row.lng !== null;
  const hasAddress = patch.address !== undefined ? patch.address !== null : row.address !== null;
  if (!hasPoint && !hasAddress) invalid('location', '请填写位置坐标或地址');
  if (input.source !== undefined && input.source !== row.source) patch.source = input.source;
  if (input.reporterName !== undefined && (input.reporterName || null) !== row.reporter_name)
    patch.reporter_name = input.reporterName || null;
  if (input.reporterPhone !== undefined) {
    const phone = input.reporterPhone || null;
    patch.reporter_phone_sealed = phone ? sealPhone(ctx.platform.config, row.id, phone) : null;
    patch.reporter_phone_masked = phone ? maskPhone(phone) : null;
  }
  if (input.description !== undefined && (input.description || null) !== row.description) patch.description = input.description || null;
  for (const [key, col] of Object.entries(NUMBER_FIELDS) as [
    keyof typeof NUMBER_FIELDS,
    (typeof NUMBER_FIELDS)[keyof typeof NUMBER_FIELDS],
  ][]) {
    const v = input[key];
    if (v !== undefined && !sameAmount(v, row[col])) patch[col] = v;
  }
  return patch;
}

/** Audit-friendly values of the changed columns (the sealed phone never leaves the database). */
function auditable(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (k === 'reporter_phone_sealed') continue;
    out[k] = k === 'point' ? (source.point ?? (source.lng == null ? null : { lng: source.lng, lat: source.lat })) : source[k];
  }
  return out;
}

/**
 * Corrects an incident's facts (PATCH) at the version the editor saw; the grade is recomputed
 * from the rules on every change. Audited with before/after, emits `incident.updated` (and
 * `incident.graded` when the grade moves).
 */
export async function updateIncident(ctx: Ctx, id: string, input: UpdateIncidentInput): Promise<IncidentDto> {
  const row = await loadIncident(ctx, id, 'incident.update', true);
  if (!isEditable(row.status)) conflict('已合并或误报的事件不能修改');
  checkVersion(row, input.version);
  const patch = await buildPatch(ctx, row, input);
  const changed = Object.keys(patch);
  if (changed.length === 0) return presentOne(ctx, id);
  const merged = { ...row, ...patch } as repo.IncidentRow;
  const computed = computeGrade(await listGradingRules(ctx.tx), {
    category: merged.category,
    dead: merged.dead,
    missing: merged.missing,
    seriouslyInjured: merged.seriously_injured,
    lightlyInjured: merged.lightly_injured,
    directLossYuan: Number(merged.direct_loss_yuan),
    affected: merged.affected,
    evacuated: merged.evacuated,
  });
  const eff = effectiveGrade(row, computed);
  patch.computed_grade = computed;
  patch.grade = eff.grade;
  patch.grade_source = eff.source;
  if (eff.source === 'computed') patch.grade_reason = null;
  await repo.updateIncident(ctx.tx, id, patch, ctx.now);
  const after = (await repo.findIncidentRow(ctx.tx, id))!;
  await writeTimeline(ctx, id, { kind: 'updated', summary: `更新事件信息（${changed.length} 项）`, data: { fields: changed } });
  await recordAudit(ctx, {
    action: 'incident.updated',
    entity: 'incident',
    entityId: id,
    before: { ...auditable(row as unknown as Record<string, unknown>, changed), grade: row.grade, version: row.version },
    after: { ...auditable(patch as Record<string, unknown>, changed), grade: after.grade, version: after.version },
  });
  await emitIncidentEvent(ctx, INCIDENT_EVENTS.updated, after, { previousGrade: row.grade, changes: changed });
  await afterGradeChange(ctx, row, after, '按规则重新计算');
  return presentOne(ctx, id);
}

/** Sets the grade by hand (needs `incident.grade` and a reason); audited with before and after. */
export async function overrideGrade(ctx: Ctx, id: string, input: OverrideGradeInput): Promise<IncidentDto> {
  const row = await loadIncident(ctx, id, 'incident.grade', true);
  if (!isEditable(row.status)) conflict('已合并或误报的事件不能调整等级');
  checkVersion(row, input.version);
  await repo.updateIncident(ctx.tx, id, { grade: input.grade, grade_source: 'override', grade_reason: input.reason }, ctx.now);
  const after = (await repo.findIncidentRow(ctx.tx, id))!;
  await recordAudit(ctx, {
    action: 'incident.grade_overridden',
    entity: 'incident',
    entityId: id,
    before: { grade: row.grade, gradeSource: row.grade_source, computedGrade: row.computed_grade },
    after: { grade: after.grade, gradeSource: 'override', reason: input.reason },
  });
  if (row.grade === after.grade)
    await writeTimeline(ctx, id, {
      kind: 'graded',
      summary: `确认等级为${gradeName(after.grade)}：${input.reason}`,
      data: { to: after.grade },
    });
  await afterGradeChange(ctx, row, after, `人工调整：${input.reason}`);
  return presentOne(ctx, id);
}
