import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, launch, loginAs, newContext } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** Creates an incident as the commander through the API; returns its id. */
async function createIncident(title: string): Promise<string> {
  const ctx = await browser.newContext({ baseURL: baseUrl() });
  const login = await ctx.request.post('/api/v1/auth/login', { data: { username: 'commander', password: demoPassword() } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const r = await ctx.request.post('/api/v1/incidents', {
    data: {
      title,
      eventType: '11B01',
      occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      location: { lng: 118.6, lat: 24.9, crs: 'wgs84' },
      address: '丰泽区',
      source: 'phone',
    },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(r.status(), await r.text()).toBeLessThan(300);
  const id = ((await r.json()) as { id: string }).id;
  await ctx.close();
  return id;
}

async function signedIn(username: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  page.setDefaultTimeout(60_000);
  await loginAs(page, username);
  await page.getByTestId('side-menu').waitFor();
  return page;
}

describe('consult: two people on one incident see each other’s plot and messages live', () => {
  it('a command post drawn by the commander appears for the duty officer, and a message too', async () => {
    const incident = await createIncident(`会商标绘 e2e ${Date.now().toString(36)}`);
    const commander = await signedIn('commander');
    const duty = await signedIn('duty');

    await duty.goto(`/incidents/${incident}/plot`);
    await duty.getByTestId('plot-page').waitFor();
    await duty.locator('.maplibregl-canvas').waitFor();

    await commander.goto(`/incidents/${incident}/plot`);
    await commander.locator('.maplibregl-canvas').waitFor();
    await commander.addStyleTag({ content: '.vg-county-label { display: none !important; }' });
    await commander.waitForTimeout(1000);
    await commander.getByTestId('plot-draw-command_post-point').click();
    const box = (await commander.getByTestId('plot-map').boundingBox())!;
    await commander.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await commander.locator('[data-testid="plot-feature"][data-symbol="command_post"]').waitFor();

    // The other person sees it without reloading (pushed over the WebSocket).
    await duty.locator('[data-testid="plot-feature"][data-symbol="command_post"]').waitFor({ timeout: 60_000 });

    // Chat: the commander writes in the room; the duty officer's open incident page shows it.
    await duty.goto(`/incidents/${incident}`);
    await duty.getByTestId('consult-panel').waitFor();
    await commander.goto(`/incidents/${incident}`);
    await commander.getByTestId('consult-input').fill('请各组10分钟内报告现场情况');
    await commander.getByTestId('consult-send').click();
    await expect
      .poll(() => duty.getByTestId('consult-messages').textContent(), { timeout: 60_000 })
      .toContain('请各组10分钟内报告现场情况');

    await Promise.all([commander, duty].map((p) => p.context().close()));
  }, 600_000);
});
