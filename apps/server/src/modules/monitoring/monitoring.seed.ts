import type { DeviceStatus } from '@vigil/shared';
import type { Platform } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import type { DemoContext } from '../../platform/module.js';
import { countyByCode, DEMO_COUNTIES, DEMO_INSTALLATIONS, demoGroups, enterpriseDevices, prng } from './device-demo-data.js';
import * as demoRepo from './device-demo.repository.js';
import { demoDeviceSecret, hashDeviceSecret } from './device-secret.js';
import { BUILTIN_DEVICE_TYPES } from './device-type-catalogue.js';
import { upsertBuiltinTypes } from './device-types.repository.js';
import { gradeInstallation, resolveSubstance, type ResolvedSubstance } from './hazard-grade.js';
import { insertInstallation, replacePoints } from './installations.repository.js';
import { pointsFromDefaults, type NewPoint } from './points.repository.js';

/** Keeps the built-in device types in step with the catalogue (every install, idempotent). */
export async function seedMonitoringReference(platform: Platform): Promise<void> {
  await upsertBuiltinTypes(platform.db, BUILTIN_DEVICE_TYPES, platform.clock.now());
}

const TYPES = new Map(BUILTIN_DEVICE_TYPES.map((t) => [t.code, t]));
const pad = (n: number) => String(n).padStart(3, '0');
const ENTERPRISES = 24;

/**
 * Seeds the demo monitoring network of Quanzhou (~350 devices): tank, gas, valve and SIS monitors
 * at the demo hazardous-chemical enterprises of 泉港 and 泉惠石化园区, rain and water gauges along
 * 晋江 and 洛阳江, landslide stations in the hills of 德化, 安溪 and 永春, bridges, gas pipelines,
 * manholes, tilting buildings and utility tunnels in 鲤城, 丰泽 and 晋江, a weather station and a
 * seismic meter per county; and eight graded major hazard installations with their points.
 * A demo device's secret is derived from DEMO_PASSWORD and its code (`demoDeviceSecret`) so the
 * simulator can connect as any of them; when DEMO_PASSWORD changes they follow it.
 */
export async function seedMonitoringDemo(platform: Platform, demo: DemoContext): Promise<void> {
  const db = platform.db;
  const now = platform.clock.now();
  if ((await demoRepo.countDemoDevices(db)) > 0) {
    if (demo.passwordChanged) {
      const rows = await demoRepo.demoDeviceCodes(db);
      await demoRepo.setSecretHashes(
        db,
        rows.map((r) => ({ id: r.id, hash: hashDeviceSecret(demoDeviceSecret(demo.password, r.code)) })),
        now,
      );
    }
    return;
  }
  if (!(await demoRepo.hasDivision(db, '350500'))) return;
  const orgs = new Map(
    (await demoRepo.orgsByCodes(db, ['qz', 'qz_quangang_ent1', ...DEMO_COUNTIES.map((c) => c.org)])).map((o) => [o.code, o]),
  );
  const city = orgs.get('qz');
  if (!city) return;
  const rand = prng(20260605);
  const counters = new Map<string, number>();
  const nextCode = (prefix: string) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return { code: `QZ-${prefix}-${pad(n)}`, n };
  };
  const devices: demoRepo.DemoDeviceRow[] = [];
  const points: NewPoint[] = [];
  const byEnterprise = new Map<string, NewPoint[]>();
  const installDate = () =>
    `20${19 + Math.floor(rand() * 7)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const status = (): DeviceStatus => (rand() < 0.03 ? 'maintenance' : 'active');

  const add = (
    typeCode: string,
    prefix: string,
    org: { id: string; path: string },
    location: { lng: number; lat: number },
    site: string,
    vendor: string,
    enterpriseId: string | null,
  ) => {
    const type = TYPES.get(typeCode)!;
    const { code, n } = nextCode(prefix);
    const id = newId();
    devices.push({
      id,
      code,
      type_code: typeCode,
      name: `【演示】${site}${type.nameZh}${n}号`,
      vendor,
      model: `${prefix}-${100 + Math.floor(rand() * 900)}`,
      org_id: org.id,
      org_path: org.path,
      enterprise_id: enterpriseId,
      site,
      address: null,
      location,
      install_date: installDate(),
      status: status(),
      secret_hash: hashDeviceSecret(demoDeviceSecret(demo.password, code)),
    });
    const pts = pointsFromDefaults(id, type.points, now);
    points.push(...pts);
    if (enterpriseId) byEnterprise.set(enterpriseId, [...(byEnterprise.get(enterpriseId) ?? []), ...pts]);
  };

  // Hazardous-chemical devices at the demo enterprises (the first one owned by the demo enterprise org).
  const enterprises = await demoRepo.demoEnterprises(db, ENTERPRISES);
  enterprises.forEach((e, i) => {
    const owner = i === 0 && orgs.has('qz_quangang_ent1') ? orgs.get('qz_quangang_ent1')! : { id: e.org_id, path: e.org_path };
    const site = e.name.replace(/^【演示】/, '');
    for (const d of enterpriseDevices(rand)) {
      const loc = { lng: round6(e.lng + (rand() - 0.5) * 0.003), lat: round6(e.lat + (rand() - 0.5) * 0.003) };
      add(d.type, d.prefix, owner, loc, site, '【演示】海西智控', e.id);
    }
  });

  // Natural hazards and city lifelines, generated inside their counties.
  const groups = demoGroups(rand);
  if (enterprises.length === 0)
    groups.push({
      key: 'TK|fallback',
      type: 'tank_monitor',
      prefix: 'TK',
      county: '350505',
      n: 20,
      near: null,
      radius: null,
      site: '泉港石化工业区',
      vendor: '【演示】海西智控',
    });
  const located = await demoRepo.generatePoints(
    db,
    groups.map((g, i) => ({ key: g.key, code: g.county, n: g.n, seed: 100 + i, near: g.near, radius: g.radius })),
  );
  for (const g of groups) {
    const county = countyByCode(g.county);
    const org = orgs.get(county.org) ?? city;
    for (const p of located.get(g.key) ?? []) add(g.type, g.prefix, org, p, g.site, g.vendor, null);
  }

  await db.transaction().execute(async (tx) => {
    await demoRepo.insertDeviceRows(tx, devices, now);
    await demoRepo.insertPointRows(tx, points);
    // Major hazard installations at the first enterprises (major ones come first), linked to their points.
    for (const [i, spec] of DEMO_INSTALLATIONS.entries()) {
      const e = enterprises[i];
      if (!e) break;
      const substances = spec.substances
        .map((s, k) => resolveSubstance({ name: s.name, q: s.q }, k))
        .flatMap((r) => ('value' in r ? [r.value] : [])) as ResolvedSubstance[];
      const g = gradeInstallation(substances, spec.people);
      const id = newId();
      await insertInstallation(tx, {
        id,
        code: `QZ-MHI-${pad(i + 1)}`,
        name: `【演示】${e.name.replace(/^【演示】/, '')}${spec.name}`,
        org_id: e.org_id,
        org_path: e.org_path,
        enterprise_id: e.id,
        address: null,
        location: { lng: e.lng, lat: e.lat },
        people_500m: spec.people,
        alpha: g.alpha,
        substances,
        s_value: g.s,
        r_value: g.r,
        grade: g.grade,
        source: 'demo',
        actorId: null,
        now,
      });
      const linked = (byEnterprise.get(e.id) ?? []).filter((p) => p.value_kind === 'number').map((p) => p.id);
      await replacePoints(tx, id, linked);
    }
  });
  platform.log.info({ devices: devices.length, points: points.length }, 'seeded demo monitoring devices');
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
