import {
  findPlotSymbol,
  type CreatePlotFeatureInput,
  type PlotFeatureDto,
  type PlotLayerDto,
  type UpdatePlotFeatureInput,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { CONSULT_EVENTS, emitConsult } from './consult.events.js';
import { CONSULT_WRITE, loadConsultIncident } from './consult.policy.js';
import { presentFeature } from './consult.presenter.js';
import * as repo from './consult.repository.js';

const actorName = (ctx: Ctx) => ctx.actor.displayName ?? ctx.actor.username;

/** `GET /incidents/:id/plot`: the incident's collaborative plot as a GeoJSON FeatureCollection. */
export async function getPlotLayer(ctx: Ctx, incidentId: string): Promise<PlotLayerDto> {
  await loadConsultIncident(ctx, incidentId);
  return { type: 'FeatureCollection', features: (await repo.listFeatures(ctx.tx, incidentId)).map(presentFeature) };
}

/** Draws a feature on the incident's plot (geometry already validated by the schema), audited and pushed live. */
export async function createFeature(ctx: Ctx, incidentId: string, input: CreatePlotFeatureInput): Promise<PlotFeatureDto> {
  const incident = await loadConsultIncident(ctx, incidentId, CONSULT_WRITE);
  const symbol = findPlotSymbol(input.symbol) ?? invalid('symbol', '未知的标绘符号');
  const id = newId();
  await repo.insertFeature(ctx.tx, {
    id,
    incident_id: incident.id,
    org_path: incident.org_path,
    symbol: symbol.code,
    label: input.label || null,
    colour: input.colour ?? symbol.colour,
    geojson: JSON.stringify(input.geometry),
    by_id: ctx.actor.userId,
    by_name: actorName(ctx),
    at: ctx.now,
  });
  const dto = presentFeature((await repo.findFeature(ctx.tx, incidentId, id)) ?? notFound('标绘', id));
  await recordAudit(ctx, { action: 'consult.feature_created', entity: 'consult_feature', entityId: id, after: dto });
  await emitConsult(ctx, CONSULT_EVENTS.featureCreated, incident, { feature: dto });
  return dto;
}

/** Optimistic concurrency: a change based on another version than the stored one is refused (409). */
function checkVersion(current: number, seen: number | undefined): void {
  if (seen === undefined || seen === current) return;
  throw new AppError('CONFLICT', '标绘已被他人修改，请刷新后重试', {
    errors: [{ field: 'version', message: `当前版本为 ${current}` }],
    extra: { currentVersion: current },
  });
}

/** Changes a feature's geometry, label or colour (version must match: else 409), audited and pushed live. */
export async function updateFeature(
  ctx: Ctx,
  incidentId: string,
  featureId: string,
  input: UpdatePlotFeatureInput,
): Promise<PlotFeatureDto> {
  const incident = await loadConsultIncident(ctx, incidentId, CONSULT_WRITE);
  const before = (await repo.findFeature(ctx.tx, incidentId, featureId, true)) ?? notFound('标绘', featureId);
  checkVersion(Number(before.version), input.version);
  if (input.geometry) {
    const symbol = findPlotSymbol(before.symbol);
    if (symbol && !symbol.geometries.includes(input.geometry.type)) invalid('geometry', `“${symbol.zh}”不能绘制为该几何类型`);
  }
  await repo.updateFeature(
    ctx.tx,
    featureId,
    {
      label: input.label === undefined ? undefined : input.label || null,
      colour: input.colour,
      geojson: input.geometry ? JSON.stringify(input.geometry) : undefined,
    },
    actorName(ctx),
    ctx.now,
  );
  const dto = presentFeature((await repo.findFeature(ctx.tx, incidentId, featureId)) ?? notFound('标绘', featureId));
  await recordAudit(ctx, {
    action: 'consult.feature_updated',
    entity: 'consult_feature',
    entityId: featureId,
    before: presentFeature(before),
    after: dto,
  });
  await emitConsult(ctx, CONSULT_EVENTS.featureUpdated, incident, { feature: dto });
  return dto;
}

/** Deletes a feature (when `version` is given it must match: else 409), audited and pushed live. */
export async function deleteFeature(ctx: Ctx, incidentId: string, featureId: string, version?: number): Promise<void> {
  const incident = await loadConsultIncident(ctx, incidentId, CONSULT_WRITE);
  const before = (await repo.findFeature(ctx.tx, incidentId, featureId, true)) ?? notFound('标绘', featureId);
  checkVersion(Number(before.version), version);
  await repo.deleteFeature(ctx.tx, featureId);
  await recordAudit(ctx, {
    action: 'consult.feature_deleted',
    entity: 'consult_feature',
    entityId: featureId,
    before: presentFeature(before),
  });
  await emitConsult(ctx, CONSULT_EVENTS.featureDeleted, incident, { featureId });
}
