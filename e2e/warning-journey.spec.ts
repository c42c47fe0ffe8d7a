import { readFileSync } from 'node:fs';
import { CAP_NS, parseCapXml, validateCap } from '@vigil/cap';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, loginAs, newContext, pickOption } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

type LngLat = [number, number];
/** A triangle over the coast of Quanzhou (Shishi, Jinjiang, Fengze), WGS84. */
const AREA: LngLat[] = [
  [118.55, 24.68],
  [118.85, 24.76],
  [118.66, 24.95],
];

interface VigilWindow {
  __vigilMap?: {
    loaded(): boolean;
    jumpTo(o: unknown): void;
    project(p: LngLat): { x: number; y: number };
    getCanvas(): HTMLCanvasElement;
  };
}

/** Screen positions of WGS84 points on the page's MapLibre map (after centring it on them). */
async function screenPoints(page: Page, points: LngLat[]): Promise<{ x: number; y: number }[]> {
  await page.waitForFunction(() => Boolean((window as unknown as VigilWindow).__vigilMap?.loaded()));
  return page.evaluate((pts) => {
    const map = (window as unknown as VigilWindow).__vigilMap!;
    const lng = pts.reduce((s, p) => s + p[0], 0) / pts.length;
    const lat = pts.reduce((s, p) => s + p[1], 0) / pts.length;
    map.jumpTo({ center: [lng, lat], zoom: 9 });
    const r = map.getCanvas().getBoundingClientRect();
    return pts.map((p) => {
      const s = map.project(p);
      return { x: r.left + s.x, y: r.top + s.y };
    });
  }, points);
}

/** A signed-in (or anonymous) page; steps wait up to a minute, as a busy machine loads page chunks slowly. */
async function openPage(user?: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  page.setDefaultTimeout(240_000);
  if (user) {
    await loginAs(page, user);
    await page.getByTestId('side-menu').waitFor();
  }
  return page;
}

describe('warning: drafted on the map → approved and published by the commander → portal, Atom and CAP', () => {
  it('runs the orange typhoon warning journey', async () => {
    const headline = `泉州市气象台发布台风橙色预警 e2e ${Date.now().toString(36)}`;

    // 1. The monitoring analyst drafts an orange typhoon warning and draws its area on the map.
    const author = await openPage('analyst');
    await author.goto('/warnings');
    await author.getByTestId('warning-create').click();
    await author.getByTestId('warning-form').waitFor();
    await author.getByTestId('warning-type').click();
    await author.keyboard.type('11B01');
    await pickOption(author, '11B01');
    await author.getByTestId('warning-colour').click();
    await pickOption(author, '橙色');
    // The 防御指南 of an orange typhoon warning is filled in for the author.
    await expect.poll(() => author.getByTestId('warning-instruction').inputValue()).toContain('防台风抢险应急工作');
    await author.getByTestId('warning-template').click();
    await pickOption(author, '台风预警');
    await expect.poll(() => author.getByTestId('warning-description').inputValue()).toContain('台风橙色预警');
    await author.getByTestId('warning-headline').fill(headline);
    await author.getByTestId('warning-area-description').fill('泉州沿海');

    await author.locator('.vg-county-label').first().waitFor({ state: 'attached' });
    // The map sits below the fields: bring it into the viewport before clicking on it.
    await author.getByTestId('warning-area-map').scrollIntoViewIfNeeded();
    const [a, b, c] = await screenPoints(author, AREA);
    await author.getByTestId('warning-draw-polygon').click();
    await author.getByTestId('warning-draw-hint').waitFor();
    await author.mouse.click(a!.x, a!.y);
    await author.mouse.click(b!.x, b!.y);
    await author.mouse.dblclick(c!.x, c!.y);
    await author.screenshot({ path: 'test-results/warning-draft-drawn.png' });
    await author.getByTestId('warning-draw-clear').waitFor({ timeout: 30_000 });
    await author.screenshot({ path: 'test-results/warning-draft-form.png', fullPage: true });

    await author.getByTestId('warning-save').click();
    const detail = author.getByTestId('warning-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-status')).toBe('draft');
    const id = (await detail.getAttribute('data-id'))!;
    const saved = await (await author.request.get(`/api/v1/warnings/${id}`)).json();
    expect(saved).toMatchObject({ typeCode: '11B01', colour: 'orange', headline, area: { description: '泉州沿海' } });
    const ring = saved.area.polygon.coordinates[0] as LngLat[];
    expect(ring).toHaveLength(4);
    ring.slice(0, 3).forEach((p, i) => {
      expect(p[0]).toBeCloseTo(AREA[i]![0], 2);
      expect(p[1]).toBeCloseTo(AREA[i]![1], 2);
    });

    // The author submits it; the author may not approve it.
    await author.getByTestId('warning-action-submit').click();
    await author.getByTestId('warning-confirm-ok').click();
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 240_000 }).toBe('submitted');
    expect(await author.getByTestId('warning-action-approvePublish').count()).toBe(0);

    // 2. The commander finds it in the approval queue, approves and publishes it in one step.
    const commander = await openPage('commander');
    await commander.goto('/warnings/approvals');
    const row = commander.locator(`[data-testid="warning-row"][data-id="${id}"]`);
    await row.waitFor();
    await row.getByTestId('warning-link').click();
    const approved = commander.getByTestId('warning-detail');
    await approved.waitFor();
    await commander.getByTestId('warning-action-approvePublish').click();
    await commander.getByTestId('warning-step-text').fill('同意发布');
    await commander.getByTestId('warning-step-ok').click();
    await expect.poll(() => approved.getAttribute('data-status'), { timeout: 240_000 }).toBe('published');
    const identifier = (await commander.getByTestId('warning-identifier').textContent())?.trim() ?? '';
    // GB/T 35965.1: {division 6}{org 3}{unit 3}{ext 2}_{YYYYMMDDhhmmss}_{N}
    expect(identifier).toMatch(/^\d{14}_\d{14}_\d+$/);
    const capHref = (await commander.getByTestId('warning-cap-link').getAttribute('href'))!;
    expect(capHref).toBe(`/public/warnings/${identifier}.cap.xml`);
    expect(await commander.getByTestId('warning-gb-link').getAttribute('href')).toBe(`/public/warnings/${identifier}.gb.xml`);
    expect(await commander.getByTestId('warning-deliveries-link').getAttribute('href')).toBe(`/warnings/${id}/deliveries`);
    await commander.screenshot({ path: 'test-results/warning-published.png', fullPage: true });

    // 3. Anyone, without signing in: the portal, the Atom feed and the CAP document.
    const visitor = await openPage();
    await visitor.goto('/portal');
    await expect
      .poll(async () => (await visitor.getByTestId('portal-warning').allTextContents()).join('\n'), { timeout: 240_000 })
      .toContain(headline);

    const atom = await visitor.request.get('/public/warnings.atom');
    expect(atom.status()).toBe(200);
    expect(atom.headers()['content-type']).toContain('application/atom+xml');
    expect(await atom.text()).toContain(headline);

    const capRes = await visitor.request.get(capHref);
    expect(capRes.status()).toBe(200);
    const xml = await capRes.text();
    expect(validateCap(xml)).toEqual([]);
    const xsd = readFileSync(new URL('../packages/cap/spec/CAP-v1.2.xsd', import.meta.url), 'utf8');
    expect(/targetNamespace="([^"]+)"/.exec(xsd)?.[1]).toBe(CAP_NS);
    expect(xml).toContain(`xmlns="${CAP_NS}"`);
    const alert = parseCapXml(xml);
    expect(alert).toMatchObject({ identifier, msgType: 'Alert', status: 'Actual' });
    const info = alert.info[0]!;
    expect(info.headline).toBe(headline);
    expect(info.severity).toBe('Severe');
    expect(info.area[0]!.polygon).toHaveLength(1);
    await visitor.screenshot({ path: 'test-results/warning-portal.png', fullPage: true });

    // 4. On the One Map the area is drawn in orange; a click shows the warning.
    await commander.goto('/map');
    await commander.getByTestId('warnings-layer-panel').waitFor();
    await expect.poll(() => commander.getByTestId('layer-count-warnings').textContent(), { timeout: 240_000 }).not.toBe('0');
    const centre: LngLat = [AREA.reduce((s, p) => s + p[0], 0) / 3, AREA.reduce((s, p) => s + p[1], 0) / 3];
    const [inside] = await screenPoints(commander, [centre]);
    // County names are HTML markers above the canvas: keep them from catching the click.
    await commander.addStyleTag({ content: '.vg-county-label { display: none !important; }' });
    await commander.waitForTimeout(500);
    await commander.mouse.click(inside!.x, inside!.y);
    await expect.poll(() => commander.getByTestId('warning-popup').textContent(), { timeout: 240_000 }).toContain(headline);
    await commander.screenshot({ path: 'test-results/warning-one-map.png' });

    await Promise.all([author, commander, visitor].map((p) => p.context().close()));
  }, 1_800_000);
});
