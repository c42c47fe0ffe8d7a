import { INCIDENT_STATUS_ZH, type ChangeIncidentStatusInput, type IncidentDto, type MergeIncidentInput } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { conflict, invalid } from '../../platform/errors.js';
import { checkVersion, loadIncident } from './incident-access.js';
import { presentOne } from './incident-queries.service.js';
import { isEditable, needsReason, transition } from './incident-status.js';
import { writeTimeline } from './incident-timeline.js';
import * as repo from './incidents.repository.js';
import { emitIncidentEvent, INCIDENT_EVENTS } from './incidents.events.js';
import { can } from './incidents.policy.js';

/**
 * Moves an incident along its lifecycle (pure state machine; an illegal step is a 409). A false
 * report needs a reason. Writes the timeline and audit rows and emits `incident.status_changed`.
 */
export async function changeIncidentStatus(ctx: Ctx, id: string, input: ChangeIncidentStatusInput): Promise<IncidentDto> {
  const row = await loadIncident(ctx, id, 'incident.update', true);
  checkVersion(row, input.version);
  const to = transition(row.status, input.status);
  if (needsReason(to) && !input.reason) invalid('reason', '标记为误报须填写理由');
  await repo.updateIncident(ctx.tx, id, { status: to, status_reason: input.reason ?? null }, ctx.now);
  const after = (await repo.findIncidentRow(ctx.tx, id))!;
  const label = `${INCIDENT_STATUS_ZH[row.status]} → ${INCIDENT_STATUS_ZH[to]}`;
  await writeTimeline(ctx, id, {
    kind: 'status_changed',
    summary: input.reason ? `${label}：${input.reason}` : label,
    data: { from: row.status, to, reason: input.reason ?? null },
  });
  await recordAudit(ctx, {
    action: 'incident.status_changed',
    entity: 'incident',
    entityId: id,
    before: { status: row.status, version: row.version },
    after: { status: to, reason: input.reason ?? null, version: after.version },
  });
  await emitIncidentEvent(ctx, INCIDENT_EVENTS.statusChanged, after, { previousStatus: row.status });
  return presentOne(ctx, id);
}

/**
 * Merges a duplicate into another incident the actor can see (of the same or another visible
 * org). Both timelines record it; the duplicate ends as `merged`.
 */
export async function mergeIncident(ctx: Ctx, id: string, input: MergeIncidentInput): Promise<IncidentDto> {
  if (input.intoId === id) invalid('intoId', '不能把事件合并到它自身');
  const row = await loadIncident(ctx, id, 'incident.update', true);
  checkVersion(row, input.version);
  const to = transition(row.status, 'merged');
  const target = await repo.lockIncident(ctx.tx, input.intoId);
  if (!target || !can(ctx.actor, 'incident.read', target)) invalid('intoId', '目标事件不存在或不在您的管辖范围内');
  if (!isEditable(target.status)) conflict('目标事件已合并或为误报，不能作为合并目标');
  await repo.updateIncident(ctx.tx, id, { status: to, status_reason: input.reason, merged_into_id: target.id }, ctx.now);
  const after = (await repo.findIncidentRow(ctx.tx, id))!;
  await writeTimeline(ctx, id, {
    kind: 'merged',
    summary: `合并到事件“${target.title}”：${input.reason}`,
    data: { intoId: target.id, from: row.status, reason: input.reason },
  });
  await writeTimeline(ctx, target.id, {
    kind: 'merged_in',
    summary: `事件“${row.title}”作为重复事件合并到本事件`,
    data: { fromId: id },
  });
  await recordAudit(ctx, {
    action: 'incident.merged',
    entity: 'incident',
    entityId: id,
    before: { status: row.status, version: row.version },
    after: { status: to, mergedIntoId: target.id, reason: input.reason, version: after.version },
  });
  await emitIncidentEvent(ctx, INCIDENT_EVENTS.statusChanged, after, { previousStatus: row.status, mergedIntoId: target.id });
  return presentOne(ctx, id);
}
