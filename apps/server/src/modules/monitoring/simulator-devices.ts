import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceDto, DeviceTypeDto, IngestStatusDto, PageOf } from '@vigil/shared';
import { openDatabase } from '../../platform/db/database.js';
import { demoDeviceSecret } from './device-secret.js';
import type { SimDevice, SimOptions } from './simulator.js';
import { demoDevicePoints } from './simulator.repository.js';
import type { SimPoint } from './simulator-signal.js';

/**
 * Where the simulator gets its devices and their secrets: a JSON file; the demo devices in
 * PostgreSQL (DATABASE_URL); or, with embedded storage (whose files only the server may open),
 * the demo devices read through the server's API as a demo user. Demo device secrets derive from
 * the demo password (`demoDeviceSecret`), so no secret is ever read back from the platform.
 */

export interface DeviceSource {
  devices: SimDevice[];
  /** The broker the server's ingestion uses, when it could be asked. */
  broker: string | null;
  from: string;
}

/** The demo password: given, DEMO_PASSWORD, or the one the server generated into DATA_DIR. */
export function demoPassword(o: SimOptions, env: Record<string, string | undefined>): string | null {
  if (o.password) return o.password;
  const file = join(env.DATA_DIR ?? './data', 'demo-password');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

function fromFile(path: string): SimDevice[] {
  const list = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(list)) throw new Error(`${path}: expected a JSON array of devices`);
  return list.map((d: Partial<SimDevice>, i) => {
    if (typeof d.code !== 'string' || typeof d.secret !== 'string' || !Array.isArray(d.points)) {
      throw new Error(`${path}: device ${i} needs "code", "secret" and "points"`);
    }
    const points = d.points.map((p: Partial<SimPoint>) => ({
      metric: String(p.metric),
      valueKind: p.valueKind === 'boolean' ? ('boolean' as const) : ('number' as const),
      rangeMin: p.rangeMin ?? null,
      rangeMax: p.rangeMax ?? null,
      h: p.h ?? null,
      hh: p.hh ?? null,
      l: p.l ?? null,
      ll: p.ll ?? null,
    }));
    return { code: d.code, secret: d.secret, points };
  });
}

async function fromDatabase(url: string, password: string, limit: number | null): Promise<SimDevice[]> {
  const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 1 });
  try {
    const byCode = new Map<string, SimDevice>();
    for (const row of await demoDevicePoints(handle.db)) {
      let d = byCode.get(row.code);
      if (!d) {
        if (limit !== null && byCode.size >= limit) break;
        d = { code: row.code, secret: demoDeviceSecret(password, row.code), points: [] };
        byCode.set(row.code, d);
      }
      d.points.push(row.point);
    }
    return [...byCode.values()];
  } finally {
    await handle.close();
  }
}

async function call<T>(api: string, path: string, cookie: string | null, body?: unknown): Promise<{ data: T; cookie: string | null }> {
  const res = await fetch(`${api}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${api}${path}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  const set = res.headers.get('set-cookie');
  return { data: (await res.json()) as T, cookie: set ? set.split(';')[0]! : cookie };
}

async function fromApi(o: SimOptions, password: string): Promise<DeviceSource> {
  const login = await call<{ stage?: string }>(o.api, '/api/v1/auth/login', null, { username: o.user, password });
  const cookie = login.cookie;
  if (!cookie) throw new Error(`login as ${o.user} gave no session`);
  const status = await call<IngestStatusDto>(o.api, '/api/v1/monitoring/ingest/status', cookie);
  const host = new URL(o.api).hostname;
  const broker =
    status.data.transport === 'embedded' && status.data.mqttPort
      ? `mqtt://${host}:${status.data.mqttPort}`
      : status.data.transport === 'external' && status.data.mqttUrl && !status.data.mqttUrl.includes('***')
        ? status.data.mqttUrl
        : null;
  const types = await call<DeviceTypeDto[] | PageOf<DeviceTypeDto>>(o.api, '/api/v1/monitoring/device-types', cookie);
  const typeList = Array.isArray(types.data) ? types.data : types.data.items;
  const pointsOf = new Map(
    typeList.map((t) => [
      t.code,
      t.points.map((p) => ({
        metric: p.metric,
        valueKind: p.valueKind,
        rangeMin: p.rangeMin,
        rangeMax: p.rangeMax,
        h: p.h,
        hh: p.hh,
        l: p.l,
        ll: p.ll,
      })),
    ]),
  );
  const devices: SimDevice[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `?limit=500&sort=code&order=asc${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: { data: PageOf<DeviceDto> } = await call<PageOf<DeviceDto>>(o.api, `/api/v1/monitoring/devices${q}`, cookie);
    for (const d of page.data.items) {
      if (d.source !== 'demo' || (d.status !== 'active' && d.status !== 'maintenance')) continue;
      const points = pointsOf.get(d.typeCode);
      if (points?.length) devices.push({ code: d.code, secret: demoDeviceSecret(password, d.code), points });
      if (o.devices !== null && devices.length >= o.devices) break;
    }
    cursor = page.data.nextCursor;
  } while (cursor && (o.devices === null || devices.length < o.devices));
  return { devices, broker, from: `${o.api} (as ${o.user})` };
}

/** Loads the devices to simulate, at most `o.devices`. */
export async function loadSimDevices(o: SimOptions, env: Record<string, string | undefined>): Promise<DeviceSource> {
  if (o.devicesFile) {
    const all = fromFile(o.devicesFile);
    return { devices: o.devices === null ? all : all.slice(0, o.devices), broker: null, from: o.devicesFile };
  }
  const password = demoPassword(o, env);
  if (!password) throw new Error('the demo password is needed for the demo devices\u2019 secrets: set DEMO_PASSWORD or pass --password');
  if (env.DATABASE_URL)
    return { devices: await fromDatabase(env.DATABASE_URL, password, o.devices), broker: null, from: 'PostgreSQL (DATABASE_URL)' };
  return fromApi(o, password);
}
