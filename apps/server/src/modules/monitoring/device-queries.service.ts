import type { DeviceDto, DeviceListQuery, PageOf } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { invalid } from '../../platform/errors.js';
import { findOrg } from '../orgs/index.js';
import * as repo from './devices.repository.js';
import { monitoringScope } from './monitoring.policy.js';
import { presentDevice } from './monitoring.presenter.js';

/** Opaque keyset cursor: the last row's sort value and id. */
export function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/** Reads a cursor from `encodeCursor`; a malformed one is a 400 on `cursor`. */
export function decodeCursor(cursor: string | undefined): { value: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof value === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return { value, id };
  } catch {
    // fall through
  }
  return invalid('cursor', '游标无效');
}

function sortValue(row: repo.DeviceRow, sort: repo.DeviceSortKey): string {
  if (sort === 'name') return row.name;
  if (sort === 'code') return row.code;
  return new Date(row.updated_at).toISOString();
}

/** One page of devices in the actor's scope, with the total matching the filters. */
export async function listDevicePage(ctx: Ctx, q: DeviceListQuery): Promise<PageOf<DeviceDto>> {
  let orgPath: string | undefined;
  if (q.orgId) {
    const org = await findOrg(ctx.tx, q.orgId);
    if (!org) invalid('orgId', '组织不存在');
    orgPath = org.path;
  }
  const f: repo.DeviceFilters = {
    scope: monitoringScope(ctx.actor),
    q: q.q || undefined,
    typeCode: q.typeCode,
    category: q.category,
    status: q.status,
    divisionCode: q.divisionCode,
    enterpriseId: q.enterpriseId,
    orgPath,
    online: q.online,
    includeArchived: q.includeArchived,
  };
  const [rows, total] = await Promise.all([
    repo.listDevices(ctx.tx, f, { sort: q.sort, order: q.order, limit: q.limit, after: decodeCursor(q.cursor) }),
    repo.countDevices(ctx.tx, f),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentDevice(ctx.actor, r)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(sortValue(last, q.sort), last.id) : null,
    total,
  };
}
