import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, launch, pickOption } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const PHONE = { width: 375, height: 812 };

interface VigilWindow {
  __vigilMap?: { loaded(): boolean; getCanvas(): HTMLCanvasElement };
}

/** Signs a demo user in through the API (own cookie jar) and returns a writer sending the CSRF token. */
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
    close: () => ctx.close(),
  };
}

/** The analyst drafts a yellow rainstorm warning for Jinjiang with an English block; the commander approves and publishes it. */
async function publishWarning(headline: string): Promise<string> {
  const analyst = await apiAs('analyst');
  const commander = await apiAs('commander');
  const draft = await analyst.post<{ id: string }>('/api/v1/warnings', {
    typeCode: '11B03',
    colour: 'yellow',
    headline,
    description: '预计未来12小时晋江市将出现50毫米以上降雨，请注意防范。',
    area: { divisionCodes: ['350582'] },
    expires: new Date(Date.now() + 86_400_000).toISOString(),
    channels: ['in_app'],
    en: { headline: 'Rainstorm yellow warning for Jinjiang', description: 'Heavy rain expected in the next 12 hours.' },
  });
  await analyst.post(`/api/v1/warnings/${draft.id}/submit`);
  const published = await commander.post<{ identifier: string; status: string }>(`/api/v1/warnings/${draft.id}/approve`, { publish: true });
  expect(published.status).toBe('published');
  await analyst.close();
  await commander.close();
  return published.identifier;
}

describe('public portal on a phone: warnings list → detail → CAP → nearby shelters, without signing in', () => {
  it('runs the visitor journey at 375×812', async () => {
    const headline = `晋江市暴雨黄色预警 e2e ${Date.now().toString(36)}`;
    const identifier = await publishWarning(headline);

    const context = await browser.newContext({
      baseURL: baseUrl(),
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) apiCalls.push(path);
    });

    // 1. The list comes first and shows the published warning; no session is asked for, no login page.
    await page.goto('/portal');
    await expect
      .poll(async () => (await page.getByTestId('portal-warning').allTextContents()).join('\n'), { timeout: 30_000 })
      .toContain(headline);
    expect(new URL(page.url()).pathname).toBe('/portal');
    expect(apiCalls.filter((p) => p !== '/api/v1/client-config')).toEqual([]);
    expect(await page.getByTestId('portal-map').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const card = page.getByTestId('portal-warning').filter({ hasText: headline });
    expect(await card.getAttribute('data-colour')).toBe('yellow');
    const box = (await card.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: 'test-results/portal-phone-list.png', fullPage: true });

    // The colour filter keeps it under yellow and hides it under red.
    await page.getByTestId('portal-colour-red').click();
    await expect.poll(() => page.getByTestId('portal-warning').filter({ hasText: headline }).count()).toBe(0);
    await page.getByTestId('portal-colour-red').click();
    await page.getByTestId('portal-colour-yellow').click();
    await expect.poll(() => page.getByTestId('portal-warning').filter({ hasText: headline }).count()).toBe(1);

    // 2. The detail page: headline, 防御指南, the English block, and the CAP document as XML.
    await page.getByTestId('portal-warning').filter({ hasText: headline }).click();
    await page.getByTestId('portal-detail').waitFor();
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/portal/warnings/${identifier}`);
    expect(await page.getByTestId('portal-detail-headline').textContent()).toBe(headline);
    expect((await page.getByTestId('portal-instruction').textContent())?.length).toBeGreaterThan(10);
    expect(await page.getByTestId('portal-english').textContent()).toContain('Rainstorm yellow warning for Jinjiang');
    await page.screenshot({ path: 'test-results/portal-phone-detail.png', fullPage: true });
    const capHref = (await page.getByTestId('portal-cap-link').getAttribute('href'))!;
    const cap = await page.request.get(capHref);
    expect(cap.status()).toBe(200);
    expect(cap.headers()['content-type']).toContain('xml');
    const xml = await cap.text();
    expect(xml).toContain('<alert');
    expect(xml).toContain(`<identifier>${identifier}</identifier>`);

    // 3. Nearby shelters: the location is refused, so a county is chosen instead.
    await page.getByTestId('portal-back').click();
    await page.getByTestId('portal-shelters').waitFor();
    await page.getByTestId('portal-locate').click();
    await page.getByTestId('portal-shelters').locator('.ant-alert-warning').waitFor();
    await page.getByTestId('portal-shelter-county').click();
    await pickOption(page, '晋江市');
    await expect.poll(() => page.getByTestId('portal-shelter').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const first = (await page.getByTestId('portal-shelter').first().textContent()) ?? '';
    expect(first).toMatch(/\d+(\.\d)? ?(米|公里)/);
    await page.getByTestId('portal-shelters').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/portal-phone-shelters.png', fullPage: true });

    // 4. The map opens on demand; a tap on it searches around that point.
    await page.getByTestId('portal-map-toggle').click();
    await page.waitForFunction(() => Boolean((window as unknown as VigilWindow).__vigilMap?.loaded()), null, { timeout: 30_000 });
    const canvas = (await page.getByTestId('portal-map').boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await expect.poll(() => page.getByTestId('portal-shelters').textContent(), { timeout: 15_000 }).toContain('地图选点附近');
    await context.close();
  });

  it('lets the login page through on the command profile (the portal-only gate applies to the internet profile)', async () => {
    const page = await (await browser.newContext({ baseURL: baseUrl(), viewport: PHONE })).newPage();
    await page.goto('/login');
    await page.getByTestId('login-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
