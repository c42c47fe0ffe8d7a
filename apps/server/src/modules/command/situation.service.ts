import { REPORT_KIND_ZH, type PlotFeatureDto, type ReportKind, type SituationDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { getPlotLayer } from '../consult/index.js';
import { findIncidentForActor } from '../incidents/index.js';
import { can, commandScope } from './command.policy.js';
import * as repo from './command.repository.js';
import * as situation from './situation.repository.js';
import { reportCasualties } from '../reporting/index.js';

const casualties = (r: { dead: number; missing: number; seriously_injured: number; lightly_injured: number }) => ({
  dead: Number(r.dead),
  missing: Number(r.missing),
  seriouslyInjured: Number(r.seriously_injured),
  lightlyInjured: Number(r.lightly_injured),
});

/**
 * `GET /incidents/:id/situation` (综合信息汇总): the incident's casualties now (its record) and
 * their trend (each report's figures, then the record), the responses with their levels, tasks by
 * status, the assignees (orgs, teams, people), materials and equipment dispatched — all limited to the
 * actor's command scope — with the leaders' instructions still awaiting feedback and the latest
 * entries of the incident's timeline.
 */
export async function buildSituation(ctx: Ctx, incidentId: string): Promise<SituationDto> {
  const incident = await findIncidentForActor(ctx, incidentId);
  const scope = commandScope(ctx.actor);
  const reports = await reportCasualties(ctx.tx, incidentId);
  const responses = await repo.responsesOfIncident(ctx.tx, incidentId, scope);
  const statuses = await situation.taskStatusCounts(ctx.tx, incidentId, scope);
  const assignees = await situation.assigneeCounts(ctx.tx, incidentId, scope);
  const materials = await situation.materialTotals(ctx.tx, incidentId, scope);
  const equipment = await situation.equipmentTotals(ctx.tx, incidentId, scope);
  const instructions = await situation.openInstructions(ctx.tx, incidentId, scope);
  const timeline = await situation.timelineExcerpt(ctx.tx, incidentId);
  const now = casualties(incident);
  return {
    incident: {
      id: incident.id,
      title: incident.title,
      status: incident.status,
      occurredAt: new Date(incident.occurred_at).toISOString(),
      receivedAt: new Date(incident.received_at).toISOString(),
    },
    generatedAt: ctx.now.toISOString(),
    casualties: now,
    casualtyTrend: [
      ...reports.map((r) => ({
        at: new Date(r.submitted_at).toISOString(),
        source: REPORT_KIND_ZH[r.kind as ReportKind] ?? r.kind,
        ...casualties(r),
      })),
      { at: new Date(incident.updated_at).toISOString(), source: '事件记录', ...now },
    ],
    responses: responses.map((r) => ({
      id: r.id,
      name: r.name,
      level: r.level,
      status: r.status,
      launchedAt: new Date(r.launched_at).toISOString(),
    })),
    tasksByStatus: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
    assignees: assignees.map((a) => ({ kind: a.assignee_kind!, name: a.assignee_name ?? '', tasks: Number(a.n) })),
    materials: materials.map((m) => ({
      itemName: m.item_name,
      unit: m.unit,
      dispatched: Number(m.dispatched),
      returned: Number(m.returned),
    })),
    equipment: equipment.map((e) => ({ equipmentType: e.equipment_type, dispatched: Number(e.dispatched), out: Number(e.out) })),
    location: incident.lng === null || incident.lat === null ? null : { lng: Number(incident.lng), lat: Number(incident.lat) },
    openInstructions: instructions.map((i) => ({
      text: i.text,
      author: i.author_name,
      issuedAt: new Date(i.issued_at).toISOString(),
      dueAt: new Date(i.due_at).toISOString(),
      openTargets: Number(i.open_targets ?? 0),
    })),
    timeline: timeline.map((e) => ({
      at: new Date(e.at).toISOString(),
      kind: e.kind,
      summary: e.summary,
      actor: e.actor_name,
    })),
  };
}

export type SituationFormat = 'pdf' | 'docx';

/**
 * The situation summary with the incident's collaborative plot, for a report file (PDF or Word).
 * The plot is read with the actor's consultation rights; one the actor may not read is left out
 * (the report is then drawn without the map). The export is audited like other exports.
 */
export async function situationForExport(
  ctx: Ctx,
  incidentId: string,
  format: SituationFormat,
): Promise<{ situation: SituationDto; plot: PlotFeatureDto[] }> {
  const s = await buildSituation(ctx, incidentId);
  const incident = await findIncidentForActor(ctx, incidentId);
  // The consultation room is read with command.read in the incident's org (else its plot is an audited 404).
  const plot = can(ctx.actor, 'command.read', incident) ? (await getPlotLayer(ctx, incidentId)).features : [];
  await recordAudit(ctx, {
    action: 'command.situation_exported',
    entity: 'incident',
    entityId: incidentId,
    after: { format, plotFeatures: plot.length },
  });
  return { situation: s, plot };
}
