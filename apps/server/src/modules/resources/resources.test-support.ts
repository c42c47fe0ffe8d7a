import type { ResourceInput, ResourceKind } from '@vigil/shared';
import type { TestApp } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import { createResource } from './resources.service.js';
import { createStockLine } from './stock.service.js';

/** Points inside Quanzhou's counties (WGS84). */
export const QZ_POINTS = {
  fengze: { lng: 118.732729, lat: 25.022948 },
  jinjiang: { lng: 118.681491, lat: 24.912767 },
} as const;

/** A valid body for a kind, with a fresh external code. */
export function resourceBody(kind: ResourceKind, over: Partial<ResourceInput> = {}): ResourceInput {
  const base: Record<ResourceKind, Omit<ResourceInput, 'externalCode' | 'name' | 'location'>> = {
    team: { typeCode: '42E16', status: 'available', attrs: { level: 'city', headcount: 30, capabilities: ['11B01'] } },
    expert: { typeCode: '42A01', status: 'available', attrs: { specialties: ['11B01'], employer: '泉州市地震局' } },
    warehouse: { typeCode: '43B01', status: 'active', attrs: { manager: '王五', level: 'city' } },
    shelter: { typeCode: null, status: 'open', attrs: { shelterClass: 'II', indoor: false, capacity: 500 } },
    equipment: { typeCode: null, status: 'available', attrs: { equipmentType: 'drone', quantity: 2 } },
    hazard: { typeCode: '22A01', status: 'active', attrs: { majorLevel: '2', chemicals: ['液氨'] } },
    target: { typeCode: null, status: 'active', attrs: { population: 1200 } },
  };
  return {
    externalCode: `T-${kind}-${newId().slice(-12)}`,
    name: `测试${kind}`,
    location: { ...QZ_POINTS.fengze, crs: 'wgs84' },
    ...base[kind],
    ...over,
  };
}

const orgOf = async (t: TestApp, code: string) =>
  t.platform.db.selectFrom('org').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();

/** Creates a resource owned by an org (through the service, as the system). Returns its id. */
export async function fixtureResource(t: TestApp, orgCode: string, kind: ResourceKind, over: Partial<ResourceInput> = {}): Promise<string> {
  const org = await orgOf(t, orgCode);
  const dto = await inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) =>
    createResource(ctx, kind, resourceBody(kind, { orgId: org.id, ...over })),
  );
  return dto.id;
}

/** A warehouse of the org with one stock line of `quantity`. */
export async function fixtureStock(t: TestApp, orgCode: string, quantity = 10): Promise<{ warehouse: string; line: string }> {
  const warehouse = await fixtureResource(t, orgCode, 'warehouse');
  const line = await inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) =>
    createStockLine(ctx, warehouse, { materialCode: '43B01', name: '救生衣', unit: '件', quantity, minQuantity: 5 }),
  );
  return { warehouse, line: line.id };
}
