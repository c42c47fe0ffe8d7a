import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, loginAs, newContext } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-res-'));
const tag = Date.now().toString(36);
/** Three teams around Fengze district, Quanzhou (WGS84). */
const TEAMS = [
  { code: `E2E-${tag}-1`, name: `丰泽e2e救援一队${tag}`, lng: 118.6055, lat: 24.9012 },
  { code: `E2E-${tag}-2`, name: `丰泽e2e救援二队${tag}`, lng: 118.6102, lat: 24.9051 },
  { code: `E2E-${tag}-3`, name: `丰泽e2e救援三队${tag}`, lng: 118.6011, lat: 24.8987 },
];

/** Fills the server's own teams template with our rows; `swapSecond` puts lat/lng the wrong way round in row 2. */
async function teamsWorkbook(page: Page, swapSecond: boolean): Promise<string> {
  const res = await page.request.get('/api/v1/imports/templates/team?format=xlsx');
  expect(res.status()).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = Array.from(ws.getRow(1).values as unknown[], (v) => (typeof v === 'string' ? v : ''));
  const example = ws.getRow(2).values as unknown[];
  const col = (name: string) => {
    const i = headers.findIndex((h) => h.startsWith(name));
    if (i < 1) throw new Error(`template has no column ${name}: ${headers.join('|')}`);
    return i;
  };
  TEAMS.forEach((t, i) => {
    const row = ws.getRow(2 + i);
    example.forEach((v, c) => {
      if (c > 0) row.getCell(c).value = v as ExcelJS.CellValue;
    });
    row.getCell(col('外部编码')).value = t.code;
    row.getCell(col('名称')).value = t.name;
    const [lng, lat] = swapSecond && i === 1 ? [t.lat, t.lng] : [t.lng, t.lat];
    row.getCell(col('经度')).value = lng;
    row.getCell(col('纬度')).value = lat;
    row.commit();
  });
  const file = join(dir, `teams-${swapSecond ? 'bad' : 'good'}.xlsx`);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

/** The plain text of a sheet row's cells (numbers and strings; rich or empty cells dropped). */
function cellTexts(row: unknown[]): string[] {
  return row.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map((v) => String(v));
}

async function upload(page: Page, file: string): Promise<string> {
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-file').setInputFiles(file);
  const job = page.getByTestId('import-job').first();
  await expect.poll(() => job.getAttribute('data-status'), { timeout: 60_000 }).toMatch(/succeeded|failed/);
  return (await job.getAttribute('data-status')) ?? '';
}

describe('resources: import teams from Excel → fix the bad row → teams on the map → circle query → export', () => {
  it('runs the data steward journey', async () => {
    const page = await (await newContext(browser)).newPage();
    await loginAs(page, 'steward');
    await page.getByTestId('side-menu').waitFor();
    await page.goto('/resources/team');
    await page.getByTestId('resource-table').waitFor();

    // 1. One bad row (lat/lng swapped): the import fails, writes nothing and explains the row.
    expect(await upload(page, await teamsWorkbook(page, true))).toBe('failed');
    const download = page.waitForEvent('download');
    await page.getByTestId('import-error-report').click();
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(await (await download).path());
    const lines = report.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((r) => cellTexts(r as unknown[]).join(' '));
    expect(lines.some((l) => l.startsWith('3 ') && /经纬度可能填反|不在中国境内/.test(l))).toBe(true);
    const none = await page.request.get(`/api/v1/resources/team?q=${encodeURIComponent(TEAMS[0]!.code)}`);
    expect((await none.json()).total).toBe(0);
    await page.keyboard.press('Escape');

    // 2. Fixed file: all three are created and listed.
    expect(await upload(page, await teamsWorkbook(page, false))).toBe('succeeded');
    await expect.poll(() => page.getByTestId('import-counts').first().textContent()).toContain('3');
    const listed = await page.request.get(`/api/v1/resources/team?q=${encodeURIComponent(`e2e救援`)}&limit=50`);
    const names = ((await listed.json()).items as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(TEAMS.map((t) => t.name)));
    await page.keyboard.press('Escape');
    // The list's filter finds exactly them; 重置 brings the whole list back.
    const rows = page.getByTestId('resource-row');
    await page.getByTestId('resource-filter-q').fill(tag);
    await page.getByTestId('resource-search').click();
    await expect.poll(() => rows.count()).toBe(TEAMS.length);
    for (const t of TEAMS) expect(await page.getByTestId('resource-table').textContent()).toContain(t.name);
    await page.getByTestId('resource-reset').click();
    await expect.poll(() => rows.count()).toBeGreaterThan(TEAMS.length);
    expect(await page.getByTestId('resource-filter-q').inputValue()).toBe('');

    // 3. On the One Map: the team layer's vector tiles carry the new teams.
    await page.goto('/map');
    await page.getByTestId('one-map').waitFor();
    await page.getByTestId('layer-toggle-team').waitFor();
    await page.waitForFunction(() => Boolean((window as unknown as { __vigilMap?: { loaded(): boolean } }).__vigilMap?.loaded()));
    await page.evaluate(({ lng, lat }) => {
      const map = (window as unknown as { __vigilMap: { jumpTo(o: unknown): void } }).__vigilMap;
      map.jumpTo({ center: [lng, lat], zoom: 14 });
    }, TEAMS[0]!);
    const seen = await page.waitForFunction(
      (wanted: string[]) => {
        const map = (
          window as unknown as { __vigilMap: { querySourceFeatures(s: string, o: unknown): { properties: { name?: string } }[] } }
        ).__vigilMap;
        let feats: { properties: { name?: string } }[];
        try {
          feats = map.querySourceFeatures('res-team', { sourceLayer: 'team' });
        } catch {
          return false;
        }
        const got = new Set(feats.map((f) => f.properties.name));
        return wanted.every((n) => got.has(n)) ? [...got].length : false;
      },
      TEAMS.map((t) => t.name),
      { timeout: 30_000 },
    );
    expect(await seen.jsonValue()).toBeGreaterThanOrEqual(3);

    // 4. Draw a circle around them → the results list them → export to Excel.
    await page.getByTestId('draw-circle').click();
    const centre = await page.evaluate(({ lng, lat }) => {
      const map = (
        window as unknown as { __vigilMap: { project(p: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement } }
      ).__vigilMap;
      const r = map.getCanvas().getBoundingClientRect();
      const p = map.project([lng, lat]);
      return { x: r.left + p.x, y: r.top + p.y };
    }, TEAMS[0]!);
    await page.mouse.click(centre.x, centre.y);
    await page.mouse.click(centre.x + 220, centre.y);
    const results = page.getByTestId('spatial-results');
    await results.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('spatial-layer-team').textContent(), { timeout: 30_000 }).toMatch(/（\d+）/);
    for (const t of TEAMS) expect(await results.textContent()).toContain(t.name);
    const exported = page.waitForEvent('download');
    await page.getByTestId('spatial-export').click();
    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load(readFileSync(await (await exported).path()) as unknown as ArrayBuffer);
    const cells = xlsx.worksheets.flatMap((ws) => ws.getSheetValues().flatMap((r) => cellTexts((r ?? []) as unknown[])));
    for (const t of TEAMS) expect(cells.join('|')).toContain(t.name);
    await page.screenshot({ path: 'test-results/resources-circle.png' });
    await page.context().close();
  });

  it('keeps the map responsive while panning with every layer on', async () => {
    // Headless Chromium draws WebGL in software (SwiftShader, see launch()), where every frame costs
    // time in proportion to its pixels: a laptop-sized map.
    const page = await (await newContext(browser, { width: 1280, height: 720 })).newPage();
    await loginAs(page, 'commander');
    await page.getByTestId('side-menu').waitFor();
    await page.goto('/map');
    await page.getByTestId('layer-toggle-all').waitFor();
    await page.waitForFunction(() => Boolean((window as unknown as { __vigilMap?: { loaded(): boolean } }).__vigilMap?.loaded()));
    // Every layer on (the button reads 全部显示 while any layer is off).
    const all = page.getByTestId('layer-toggle-all');
    if ((await all.textContent())?.includes('显示')) await all.click();
    for (const kind of ['team', 'expert', 'warehouse', 'shelter', 'equipment', 'hazard', 'target'])
      expect(
        await page
          .getByTestId(`layer-toggle-${kind}`)
          .evaluate((el) => (el instanceof HTMLInputElement ? el : el.querySelector('input'))?.checked),
      ).toBe(true);
    // Start measuring once the layers' first tiles are in (loading is not panning).
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as { __vigilMap: { once(e: string, f: () => void): void; triggerRepaint(): void } }).__vigilMap;
          map.once('idle', () => resolve());
          map.triggerRepaint();
        }),
    );
    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const pan = async (dx: number, dy: number) => {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(cx + (dx * i) / 10, cy + (dy * i) / 10);
      await page.mouse.up();
      await page.waitForTimeout(300);
    };
    // Warm-up: the first frames of each shader program compile it (slow in software GL).
    await pan(100, 50);
    await pan(-100, -50);
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __frames: number; __vigilMap: { on(e: string, f: () => void): void } };
      w.__longTasks = [];
      // Frames the map drew while being panned: the panning must really redraw it.
      w.__frames = 0;
      w.__vigilMap.on('render', () => (w.__frames += 1));
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({
        type: 'longtask',
        buffered: false,
      });
    });
    for (const [dx, dy] of [
      [250, 0],
      [0, 200],
      [-300, -50],
      [100, -200],
      [-150, 150],
    ] as const)
      await pan(dx, dy);
    await page.waitForTimeout(1000);
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    const frames = await page.evaluate(() => (window as unknown as { __frames: number }).__frames);
    console.log(`panning: ${frames} frames drawn, long tasks (ms): ${JSON.stringify(longTasks.map((d) => Math.round(d)))}`);
    expect(frames).toBeGreaterThan(25);
    expect(Math.max(0, ...longTasks)).toBeLessThan(200);
    await page.context().close();
  });
});
