import type { AroundQuery, AroundResult } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { invalid } from '../../platform/errors.js';
import { findIncidentForActor } from '../incidents/index.js';
import * as around from './around.repository.js';
import { resourceScope } from './gis-scope.js';
import type { Point } from './gis.repository.js';
import { presentFeature } from './gis.presenter.js';
import { checkedPoint } from './spatial.service.js';

type AroundInput = Pick<AroundQuery, 'lng' | 'lat' | 'incidentId' | 'material' | 'specialty'> &
  Partial<Pick<AroundQuery, 'crs' | 'radiusKm' | 'limit'>>;

/** The centre of the search: the incident's location (read with the actor's rights) or the given point. */
async function centreOf(ctx: Ctx, q: AroundInput): Promise<Point> {
  const hasPoint = q.lng !== undefined || q.lat !== undefined;
  if (q.incidentId && hasPoint) invalid('incidentId', '请在坐标与事件之间二选一');
  if (q.incidentId) {
    const incident = await findIncidentForActor(ctx, q.incidentId);
    if (incident.lng === null || incident.lat === null) invalid('incidentId', '该事件没有位置，无法查询周边资源');
    return { lng: Number(incident.lng), lat: Number(incident.lat) };
  }
  if (q.lng === undefined) invalid('lng', '请提供经度和纬度，或事件编号');
  if (q.lat === undefined) invalid('lat', '请提供经度和纬度，或事件编号');
  return checkedPoint({ lng: q.lng, lat: q.lat, crs: q.crs ?? 'wgs84' });
}

/**
 * "Around here" (周边资源): from a point or an incident, the nearest teams standing by, warehouses
 * holding the material class (with the quantity held), open shelters with free places and
 * reachable experts (by specialty), each within the radius, nearest first, at most `limit` each —
 * all in the actor's resource scope. Also called by other modules (dispatch) inside their own
 * transaction; an incident outside the actor's scope is an audited 404.
 */
export async function findAround(ctx: Ctx, q: AroundInput): Promise<AroundResult> {
  const center = await centreOf(ctx, q);
  const radiusKm = q.radiusKm ?? 10;
  const empty: AroundResult = { center, radiusKm, teams: [], warehouses: [], shelters: [], experts: [] };
  const scope = resourceScope(ctx.actor);
  if (scope?.length === 0) return empty;
  const p: around.AroundParams = { center, radiusM: radiusKm * 1000, limit: q.limit ?? 10, scope };
  const { teams, warehouses, shelters, experts } = await around.resourcesAround(ctx.tx, p, {
    material: q.material || undefined,
    specialty: q.specialty || undefined,
  });
  return {
    ...empty,
    teams: teams.map(presentFeature),
    warehouses: warehouses.map((r) => ({ ...presentFeature(r), materialQuantity: r.extra === null ? null : Number(r.extra) })),
    shelters: shelters.map((r) => ({ ...presentFeature(r), freeCapacity: Number(r.extra ?? 0) })),
    experts: experts.map(presentFeature),
  };
}
