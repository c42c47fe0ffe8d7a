import { createHmac } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, launch, loginAs, newContext } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** A demo device's secret, as docs/monitoring.md describes it: HMAC-SHA256(demo password, "vigil-demo-device:" + code), base64url, 32 characters. */
function demoSecret(code: string): string {
  return createHmac('sha256', demoPassword()).update(`vigil-demo-device:${code}`, 'utf8').digest('base64url').slice(0, 32);
}

interface SimPoint {
  metric: string;
  valueKind: 'number' | 'boolean';
  rangeMin: number | null;
  rangeMax: number | null;
  h: number | null;
  hh: number | null;
  l: number | null;
  ll: number | null;
}

interface Device {
  id: string;
  code: string;
  name: string;
  points?: SimPoint[];
}

/** A demo tank monitor that has no open alarm yet, with its level point (through the API, as the signed-in user). */
async function demoTank(page: Page): Promise<{ device: Device; hh: number }> {
  const list = await page.request.get('/api/v1/monitoring/devices?typeCode=tank_monitor&limit=50');
  expect(list.status(), await list.text()).toBe(200);
  const items = ((await list.json()) as { items: (Device & { openAlarms: number })[] }).items;
  const quiet = items.find((d) => d.openAlarms === 0) ?? items[0];
  expect(quiet, 'the demo data has tank monitors').toBeDefined();
  const device = (await (await page.request.get(`/api/v1/monitoring/devices/${quiet!.id}`)).json()) as Device;
  const level = device.points?.find((p) => p.metric === 'tank_level');
  expect(level?.hh, 'the tank level point has an HH limit').toBeTypeOf('number');
  return { device, hh: level!.hh! };
}

/** Where this server's devices connect: the embedded broker's port from the ingest status. */
async function mqttPort(page: Page): Promise<number> {
  const r = await page.request.get('/api/v1/monitoring/ingest/status');
  expect(r.status(), await r.text()).toBe(200);
  const port = ((await r.json()) as { mqttPort: number | null }).mqttPort;
  expect(port, 'the e2e server runs the embedded MQTT broker').toBeTypeOf('number');
  return port!;
}

/**
 * Runs the simulator (`npm run simulate`) for the device's tank level point with every sample a
 * spike past HH, publishing as the device itself (its own credentials and topic, QoS 1).
 */
function simulateSpike(port: number, device: Device): Promise<string> {
  const level = device.points!.find((p) => p.metric === 'tank_level')!;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-sim-'));
  const file = join(dir, 'devices.json');
  writeFileSync(file, JSON.stringify([{ code: device.code, secret: demoSecret(device.code), points: [level] }]));
  const root = new URL('..', import.meta.url).pathname;
  const args = ['--devices-file', file, '--broker', `mqtt://127.0.0.1:${port}`, '--rate', '1', '--duration', '6'];
  args.push('--spike', '1', '--drift', '0', '--flat', '0', '--dropout', '0');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts/simulate.mjs'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      if (code === 0) resolve(out);
      else reject(new Error(`simulator exited with ${code}:\n${out}`));
    });
  });
}

describe('monitoring: the simulator publishes an HH spike over MQTT → red alarm live with sound → acknowledge → convert to incident', () => {
  it('runs the monitoring journey', async () => {
    const page = await (await newContext(browser)).newPage();
    await loginAs(page, 'analyst');
    await page.getByTestId('side-menu').waitFor();
    await page.goto('/monitoring/dashboard');
    await page.getByTestId('live-alarms').waitFor();
    await page.getByTestId('dashboard-map').waitFor();
    // The page is subscribed once the realtime connection says so.
    await page.waitForTimeout(1500);
    const sound = page.getByTestId('live-alarms-sound');
    const soundsBefore = Number(await sound.getAttribute('data-sound-count'));

    const { device, hh } = await demoTank(page);
    expect(hh).toBeTypeOf('number');
    const simulated = simulateSpike(await mqttPort(page), device);

    // The red alarm arrives on the WebSocket (no reload) and the tone is played.
    const alarm = page.getByTestId('live-alarm').filter({ hasText: device.name }).first();
    await alarm.waitFor({ timeout: 30_000 });
    expect(await alarm.getAttribute('data-level')).toBe('red');
    expect(await alarm.getAttribute('data-status')).toBe('active');
    await expect.poll(async () => Number(await sound.getAttribute('data-sound-count')), { timeout: 10_000 }).toBeGreaterThan(soundsBefore);
    // The simulator connected as the device and every message was acknowledged.
    const summary = JSON.parse((await simulated).trim().split('\n').pop()!) as { connected: number };
    expect(summary.connected).toBe(1);

    // Open it and acknowledge.
    await alarm.click();
    const detail = page.getByTestId('alarm-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-level')).toBe('red');
    await page.getByTestId('alarm-acknowledge').click();
    await page.getByTestId('alarm-note').fill('已联系企业现场核查');
    await page
      .getByTestId('alarm-action-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 15_000 }).toBe('acknowledged');
    await page.getByTestId('alarm-timeline').getByText('已联系企业现场核查').waitFor();

    // Convert into an incident: the form is prefilled from the alarm, the incident page opens.
    await page.getByTestId('alarm-convert').click();
    const title = page.getByTestId('convert-title');
    await title.waitFor();
    const prefilled = await title.inputValue();
    expect(prefilled).toContain(device.name);
    expect(await page.getByTestId('convert-description').inputValue()).toContain('由监测报警转入');
    await page.getByTestId('convert-ok').click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await page.getByText(prefilled).first().waitFor();
    await page.getByText('监测报警').first().waitFor();
  });
});
