import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, launch, loginAs, newContext, openDropdown, pickOption } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const PHONE = { width: 375, height: 812 };

/** Signs a demo user in through the API (own cookie jar); requests send the CSRF token. */
async function apiAs(username: string) {
  const ctx = await browser.newContext({ baseURL: baseUrl() });
  const login = await ctx.request.post('/api/v1/auth/login', { data: { username, password: demoPassword() } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    async post<T>(url: string, data?: unknown): Promise<T> {
      const r = await ctx.request.post(url, { data: data ?? {}, headers: { 'x-csrf-token': csrfToken } });
      expect(r.status(), `${url}: ${await r.text()}`).toBeLessThan(300);
      return (await r.json()) as T;
    },
    async get<T>(url: string): Promise<T> {
      const r = await ctx.request.get(url);
      expect(r.status(), `${url}: ${await r.text()}`).toBe(200);
      return (await r.json()) as T;
    },
    close: () => ctx.close(),
  };
}

interface StockLine {
  id: string;
  name: string;
  quantity: number;
}

describe('command: a hazardous-chemicals incident → level III from the matched plan → a team leader on a phone works the task → materials go out → terminated', () => {
  it('runs the command journey', async () => {
    const title = `泉港石化园区储罐泄漏 e2e ${Date.now().toString(36)}`;
    const commanderApi = await apiAs('commander');
    const incident = await commanderApi.post<{ id: string }>('/api/v1/incidents', {
      title,
      eventType: '12D00',
      occurredAt: new Date(Date.now() - 20 * 60_000).toISOString(),
      location: { lng: 118.9, lat: 25.12, crs: 'wgs84' },
      address: '泉港区石化园区',
      source: 'phone',
      dead: 4,
    });

    // 1. The commander launches the response the plan match suggests.
    const commander = await (await newContext(browser)).newPage();
    commander.setDefaultTimeout(60_000);
    await loginAs(commander, 'commander');
    await commander.getByTestId('side-menu').waitFor();
    await commander.goto(`/incidents/${incident.id}`);
    await commander.getByTestId('plan-match-panel').waitFor();
    await commander.getByTestId('response-launch').click();
    await commander.getByTestId('response-launch-form').waitFor();
    await expect.poll(async () => (await commander.getByTestId('response-launch-plan').textContent()) ?? '').toContain('危险化学品');
    await commander.getByTestId('response-launch-ok').click();
    await commander.waitForURL(/\/responses\/[0-9a-f-]{36}$/);
    const responseId = commander.url().split('/').pop()!;
    const detail = commander.getByTestId('response-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-status')).toBe('active');
    // The plan's tasks for the level were created on launch.
    await expect.poll(() => commander.getByTestId('task-row').count()).toBeGreaterThan(0);

    // 2. A task for the rescue team leader, who works it from a phone.
    const leadCtx = await newContext(browser, PHONE);
    // The phone's GPS: near the incident, then 150 m further on.
    await leadCtx.grantPermissions(['geolocation']);
    await leadCtx.setGeolocation({ latitude: 25.11, longitude: 118.89, accuracy: 10 });
    const lead = await leadCtx.newPage();
    lead.setDefaultTimeout(60_000);
    await loginAs(lead, 'teamlead');
    await lead.getByTestId('side-menu').or(lead.getByTestId('my-tasks')).first().waitFor({ state: 'attached' });
    const leadId = ((await (await lead.request.get('/api/v1/me')).json()) as { user: { id: string } }).user.id;
    const taskTitle = `关阀堵漏 e2e ${Date.now().toString(36)}`;
    const task = await commanderApi.post<{ id: string }>(`/api/v1/responses/${responseId}/tasks`, {
      title: taskTitle,
      action: '携带堵漏器材赶赴现场，关闭泄漏储罐进料阀',
      assignee: { kind: 'user', id: leadId },
    });
    await lead.goto('/tasks/mine');
    const card = lead.locator(`[data-testid="my-task"][data-id="${task.id}"]`);
    await card.waitFor();
    for (const [step, status] of [
      ['accept', 'accepted'],
      ['enRoute', 'en_route'],
      ['onSite', 'on_site'],
    ] as const) {
      await card.getByTestId(`task-action-${step}`).click();
      await expect.poll(() => card.getAttribute('data-status'), { timeout: 30_000 }).toBe(status);
    }
    // On site, the team leader shares the phone's position; the commander's incident map shows
    // the leader live and moves the dot when the leader moves (no reload).
    await lead.getByTestId('share-position-switch').click();
    await lead.getByTestId('share-position-status').waitFor();
    const plot = await (await newContext(browser)).newPage();
    plot.setDefaultTimeout(60_000);
    await loginAs(plot, 'commander');
    // Wait for the session before navigating: leaving the page cancels the login request.
    await plot.getByTestId('side-menu').waitFor();
    await plot.goto(`/incidents/${incident.id}/plot`);
    const units = await commanderApi.get<{ items: { trackerId: string; subjectId: string | null; lat: number; stale: boolean }[] }>(
      '/api/v1/tracking/units',
    );
    const mine = units.items.find((u) => u.subjectId === leadId)!;
    expect(mine).toMatchObject({ lat: 25.11, stale: false });
    const dot = plot.locator(`[data-testid="field-unit"][data-tracker="${mine.trackerId}"]`);
    await dot.waitFor();
    expect(await dot.getAttribute('data-stale')).toBe('false');
    await leadCtx.setGeolocation({ latitude: 25.1113, longitude: 118.8905, accuracy: 10 });
    await expect.poll(() => dot.getAttribute('data-lat'), { timeout: 30_000 }).toBe('25.11130');
    const track = await commanderApi.get<{ points: unknown[] }>(`/api/v1/tracking/trackers/${mine.trackerId}/track`);
    expect(track.points.length).toBeGreaterThanOrEqual(2);
    await plot.screenshot({ path: 'test-results/command-field-units.png' });
    await plot.close();
    await lead.screenshot({ path: 'test-results/command-my-tasks-phone.png', fullPage: true });
    // The app installs on the phone: its manifest is served and the service worker is registered.
    const manifest = await lead.request.get('/manifest.webmanifest');
    expect(manifest.status()).toBe(200);
    expect(((await manifest.json()) as { display: string }).display).toBe('standalone');
    await expect.poll(() => lead.evaluate(async () => Boolean(await navigator.serviceWorker.getRegistration()))).toBe(true);

    // 3. The commander sees it on site and sends materials from a warehouse; the stock drops.
    await commander.reload();
    const row = commander.locator(`[data-testid="task-row"][data-id="${task.id}"]`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('on_site');
    await row.getByTestId('task-materials').click();
    await commander.getByTestId('task-dispatch-form').waitFor();
    await commander.getByTestId('task-dispatch-warehouse').click();
    const firstOption = openDropdown(commander).locator('.ant-select-item-option').first();
    await firstOption.waitFor();
    // Options read "name（owning org）".
    const warehouseLabel = (await firstOption.textContent())!.trim();
    const warehouseName = warehouseLabel.split('（')[0]!;
    const warehouses = await commanderApi.get<{ items: { id: string; name: string }[] }>(
      `/api/v1/resources/warehouse?q=${encodeURIComponent(warehouseName)}&limit=5`,
    );
    const warehouse = warehouses.items.find((w) => w.name === warehouseName)!;
    const stock = async () =>
      new Map(
        (await commanderApi.get<{ items: StockLine[] }>(`/api/v1/warehouses/${warehouse.id}/stock?limit=200`)).items.map((l) => [
          l.id,
          Number(l.quantity),
        ]),
      );
    const before = await stock();
    expect(await pickOption(commander)).toBe(warehouseLabel);
    // The lines of the chosen warehouse: the first one (the active option when the list opens).
    await expect.poll(() => commander.getByTestId('task-dispatch-line').locator('input').isDisabled()).toBe(false);
    await commander.getByTestId('task-dispatch-line').click();
    await openDropdown(commander).locator('.ant-select-item-option-active').waitFor();
    await commander.keyboard.press('Enter');
    await commander.getByTestId('task-dispatch-quantity').fill('1');
    await commander.getByTestId('task-dispatch-ok').click();
    await commander.getByTestId('task-material-row').first().waitFor();
    const after = await stock();
    const changed = [...before].filter(([id, q]) => after.get(id) !== q);
    expect(changed).toHaveLength(1);
    expect(after.get(changed[0]![0])).toBe(changed[0]![1] - 1);
    await commander.keyboard.press('Escape');

    // 4. Done, and the response is terminated with its reason.
    await card.getByTestId('task-action-done').click();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    await commander.reload();
    await commander.getByTestId('response-terminate').click();
    await commander.getByTestId('response-terminate-modal-text').fill('泄漏已控制，现场处置完毕');
    await commander.getByTestId('response-terminate-modal-ok').click();
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 30_000 }).toBe('terminated');
    await commander.screenshot({ path: 'test-results/command-response.png', fullPage: true });

    // 5. The after-action assessment opened on termination; its PDF carries the measured times.
    await commander.getByTestId('response-assessment').click();
    await commander.getByTestId('assessment-page').waitFor();
    await commander.getByTestId('assessment-measures').waitFor();
    const [download] = await Promise.all([commander.waitForEvent('download'), commander.getByTestId('assessment-pdf').click()]);
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-pdf-')), 'assessment.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString().replace(/\s+/g, '');
    expect(text).toContain('接报至启动响应');
    expect(text).toContain('启动至首个任务到场');
    // It happened 20 minutes before it was recorded: occurrence → receipt is measured from the real times.
    expect(text).toMatch(/20(\.\d)?分钟/);
    await commander.screenshot({ path: 'test-results/command-assessment.png', fullPage: true });
    await commanderApi.close();
  });
});
