import type {
  ActiveResponseDto,
  AroundResult,
  FeatureSummary,
  ResponseSuggestionsDto,
  SuggestionItem,
  SuggestionKind,
  SuggestionQuery,
} from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { findAround } from '../gis/index.js';
import { findIncidentForActor } from '../incidents/index.js';
import { findPlan } from '../plans/index.js';
import { loadResponse } from './command-access.js';
import { commandScope } from './command.policy.js';
import * as repo from './dispatch-suggest.repository.js';

/** Material codes searched at most per suggestion request (each is one nearest-warehouse query). */
const MAX_MATERIAL_CODES = 5;

const item = (kind: SuggestionKind, f: FeatureSummary, detail: string | null = null, quantity: number | null = null): SuggestionItem => ({
  kind,
  id: f.id,
  name: f.name,
  orgName: f.orgName,
  status: f.status,
  location: f.location,
  distanceM: Math.round(f.distanceM ?? 0),
  detail,
  quantity,
});

/** The supply codes named by the task templates of the plan's level (upper-cased, distinct, first few). */
async function planMaterialCodes(ctx: Ctx, planId: string | null, level: string): Promise<string[]> {
  if (!planId) return [];
  const plan = await findPlan(ctx.tx, planId);
  const def = plan?.levels.find((l) => l.level === level);
  const codes = (def?.tasks ?? []).flatMap((t) =>
    t.resources.filter((r) => r.kind === 'supply' && r.code).map((r) => r.code!.toUpperCase()),
  );
  return [...new Set(codes)].slice(0, MAX_MATERIAL_CODES);
}

/** Nearest warehouses over the material codes: each warehouse once, at its nearest, with the first code it holds. */
function mergeWarehouses(found: { code: string; around: AroundResult }[], limit: number): SuggestionItem[] {
  const byId = new Map<string, SuggestionItem>();
  for (const { code, around } of found)
    for (const w of around.warehouses) if (!byId.has(w.id)) byId.set(w.id, item('warehouse', w, code, w.materialQuantity));
  return [...byId.values()].sort((a, b) => a.distanceM - b.distanceM || a.name.localeCompare(b.name)).slice(0, limit);
}

/**
 * `GET /responses/:id/suggestions` (周边资源建议): around the command post (or else the incident),
 * the nearest rescue teams standing by (not archived, status available: teams on a mission are
 * left out), warehouses holding the materials the plan's task templates name (any warehouse in use
 * when the plan names none), open shelters with free places and available experts whose
 * specialties include the incident's event type — each within the radius, nearest first, in the
 * actor's resource scope (the gis module's "around here").
 */
export async function responseSuggestions(ctx: Ctx, responseId: string, q: SuggestionQuery): Promise<ResponseSuggestionsDto> {
  const r = await loadResponse(ctx, responseId);
  const incident = await findIncidentForActor(ctx, r.incident_id);
  const post = r.post_lng !== null && r.post_lat !== null ? { lng: Number(r.post_lng), lat: Number(r.post_lat) } : null;
  const site = incident.lng !== null && incident.lat !== null ? { lng: Number(incident.lng), lat: Number(incident.lat) } : null;
  const center = post ?? site;
  const materialCodes = await planMaterialCodes(ctx, r.plan_id, r.level);
  const base: ResponseSuggestionsDto = {
    responseId: r.id,
    center,
    centerSource: post ? 'post' : site ? 'incident' : 'none',
    radiusKm: q.radiusKm,
    eventType: incident.event_type || null,
    materialCodes,
    teams: [],
    warehouses: [],
    shelters: [],
    experts: [],
  };
  if (!center) return base;
  const at = { lng: center.lng, lat: center.lat, radiusKm: q.radiusKm, limit: q.limit };
  const around = await findAround(ctx, incident.event_type ? { ...at, specialty: incident.event_type } : at);
  const byMaterial: { code: string; around: AroundResult }[] = [];
  for (const code of materialCodes) byMaterial.push({ code, around: await findAround(ctx, { ...at, material: code }) });
  return {
    ...base,
    teams: around.teams.map((f) => item('team', f)),
    warehouses: materialCodes.length
      ? mergeWarehouses(byMaterial, q.limit)
      : around.warehouses.map((f) => item('warehouse', f, null, f.materialQuantity)),
    shelters: around.shelters.map((f) => item('shelter', f, `空余 ${f.freeCapacity} 人`, f.freeCapacity)),
    experts: around.experts.map((f) => item('expert', f, base.eventType)),
  };
}

/** `GET /responses/active`: the active responses the actor sees, for the One Map's "派往响应". */
export async function listActiveResponses(ctx: Ctx): Promise<{ items: ActiveResponseDto[] }> {
  const rows = await repo.activeResponses(ctx.tx, commandScope(ctx.actor));
  return {
    items: rows.map((r) => ({
      id: r.id,
      incidentId: r.incident_id,
      incidentTitle: r.incident_title,
      name: r.name,
      level: r.level,
      launchedAt: new Date(r.launched_at).toISOString(),
    })),
  };
}
