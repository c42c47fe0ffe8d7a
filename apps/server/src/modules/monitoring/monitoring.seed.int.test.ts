import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/harness.js';
import { demoDeviceSecret, loadDeviceDirectory, verifyDeviceSecret } from './index.js';
import { seedMonitoringDemo, seedMonitoringReference } from './monitoring.seed.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 600_000);
afterAll(async () => t?.close());

const count = async (q: string) => Number((await sql<{ n: number }>`${sql.raw(q)}`.execute(t.platform.db)).rows[0]!.n);

describe('demo monitoring network', () => {
  it('has a few hundred devices across the counties, of every category, with points', async () => {
    const devices = (await loadDeviceDirectory(t.platform.db)).filter((d) => d.code.startsWith('QZ-'));
    expect(devices.length).toBeGreaterThanOrEqual(300);
    expect(devices.length).toBeLessThan(600);
    expect(new Set(devices.map((d) => d.divisionCode)).size).toBeGreaterThanOrEqual(11);
    expect(devices.every((d) => d.points.length > 0)).toBe(true);
    const types = new Set(devices.map((d) => d.typeCode));
    for (const x of [
      'tank_monitor',
      'combustible_gas_detector',
      'rain_gauge',
      'water_level_station',
      'landslide_monitor',
      'bridge_shm',
      'gas_pipeline_monitor',
      'utility_tunnel_monitor',
    ])
      expect(types, x).toContain(x);
    // Landslide stations stand in the hills of 德化, 安溪 and 永春; bridges in the city.
    expect(new Set(devices.filter((d) => d.typeCode === 'landslide_monitor').map((d) => d.divisionCode))).toEqual(
      new Set(['350526', '350524', '350525']),
    );
    expect(devices.filter((d) => d.typeCode === 'tank_monitor').every((d) => d.enterpriseId !== null)).toBe(true);
  });

  it('derives each demo secret from DEMO_PASSWORD and the code, so the simulator can connect', async () => {
    const devices = (await loadDeviceDirectory(t.platform.db)).filter((d) => d.code.startsWith('QZ-'));
    for (const d of devices.slice(0, 20)) expect(verifyDeviceSecret(demoDeviceSecret(TEST_DEMO_PASSWORD, d.code), d.secretHash)).toBe(true);
    expect(verifyDeviceSecret(demoDeviceSecret('another-password', devices[0]!.code), devices[0]!.secretHash)).toBe(false);
  });

  it('has graded major hazard installations linked to demo enterprises and their points', async () => {
    const rows = await sql<{ grade: number | null; enterprise_id: string | null; points: number }>`
      SELECT h.grade, h.enterprise_id, (SELECT count(*)::int FROM hazard_installation_point p WHERE p.installation_id = h.id) AS points
      FROM hazard_installation h WHERE h.source = 'demo'`.execute(t.platform.db);
    expect(rows.rows).toHaveLength(8);
    expect(rows.rows.every((r) => r.enterprise_id !== null && r.points > 0)).toBe(true);
    expect(new Set(rows.rows.map((r) => r.grade)).size).toBeGreaterThanOrEqual(3);
  });

  it('seeding again changes nothing; a new DEMO_PASSWORD re-derives the secrets', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM device`);
    await seedMonitoringReference(t.platform);
    await seedMonitoringDemo(t.platform, { password: TEST_DEMO_PASSWORD, accounts: [] });
    expect(await count(`SELECT count(*)::int AS n FROM device`)).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM device_type WHERE builtin`)).toBe(16);
    await seedMonitoringDemo(t.platform, { password: 'New-Demo-Pass-1', accounts: [], passwordChanged: true });
    const d = (await loadDeviceDirectory(t.platform.db)).find((x) => x.code === 'QZ-RG-001')!;
    expect(verifyDeviceSecret(demoDeviceSecret('New-Demo-Pass-1', d.code), d.secretHash)).toBe(true);
  });
});
