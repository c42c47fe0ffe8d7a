import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, loginAs, newContext, pickOption } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** Beijing wall-clock time `hoursAgo` hours before now, as the pickers show it (YYYY-MM-DD HH:mm). */
function beijing(hoursAgo: number): { stamp: string; date: string } {
  const d = new Date(Date.now() - hoursAgo * 3_600_000 + 8 * 3_600_000);
  const iso = d.toISOString();
  return { stamp: `${iso.slice(0, 10)} ${iso.slice(11, 16)}`, date: iso.slice(0, 10) };
}

async function fillPicker(page: Page, testId: string, value: string): Promise<void> {
  const input = page
    .getByTestId(testId)
    .locator('input')
    .first()
    .or(page.locator(`input[data-testid="${testId}"]`))
    .first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.keyboard.press('Escape');
}

describe('incident intake → city alerted live → overdue report in red → first report → daily report PDF', () => {
  it('runs the duty desk journey across a county and the city', async () => {
    const title = `晋江安海镇仓库火灾 e2e ${Date.now().toString(36)}`;
    const received = beijing(26); // a day ago: the daily follow-up is already due

    // The city duty officer is signed in and watching.
    const city = await (await newContext(browser)).newPage();
    await loginAs(city, 'duty');
    await city.getByTestId('side-menu').waitFor();

    // The Jinjiang duty officer records the incident on the map.
    const county = await (await newContext(browser)).newPage();
    await loginAs(county, 'duty-jinjiang');
    await county.getByTestId('side-menu').waitFor();
    await county.goto('/incidents/new');
    await county.getByTestId('incident-title').fill(title);
    const type = county.getByTestId('incident-type');
    await type.click();
    await county.keyboard.type('12G');
    await pickOption(county, '12G', '.ant-select-tree-node-content-wrapper');
    await fillPicker(county, 'incident-occurred-at', received.stamp);
    await fillPicker(county, 'incident-received-at', received.stamp);
    const map = county.getByTestId('incident-map');
    await map.waitFor();
    await county.waitForTimeout(1500); // let the map fit Quanzhou
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect.poll(() => county.getByTestId('incident-county-name').textContent(), { timeout: 15_000 }).toMatch(/[区县市]/);
    // Pin the exact spot in Jinjiang by coordinates (WGS84).
    await county
      .getByTestId('incident-lng')
      .locator('input')
      .or(county.locator('input[data-testid="incident-lng"]'))
      .first()
      .fill('118.5775');
    await county
      .getByTestId('incident-lat')
      .locator('input')
      .or(county.locator('input[data-testid="incident-lat"]'))
      .first()
      .fill('24.7863');
    await county.getByTestId('incident-lat').locator('input').or(county.locator('input[data-testid="incident-lat"]')).first().press('Tab');
    await expect.poll(() => county.getByTestId('incident-county-name').textContent(), { timeout: 15_000 }).toContain('晋江市');
    await county.getByTestId('incident-save').click();
    await county.getByTestId('incident-result').waitFor({ timeout: 20_000 });

    // The city duty officer receives it live in the notification bell.
    await city.getByTestId('notification-bell').click();
    await expect
      .poll(async () => (await city.getByTestId('notification-item').allTextContents()).join('\n'), { timeout: 30_000 })
      .toContain(title);

    // Received a day ago, the written first report (due 1 h after receipt) is overdue: shown in red.
    await county.getByTestId('incident-open').click();
    await county.getByTestId('incident-detail').waitFor();
    await county.getByTestId('report-chain').waitFor();
    const first = county.locator('[data-testid="report-deadline"][data-kind="first"]').first();
    await first.waitFor({ timeout: 30_000 });
    await expect.poll(() => first.getAttribute('data-overdue'), { timeout: 30_000 }).toBe('true');
    const colour = await first
      .locator('.ant-tag')
      .first()
      .evaluate((el) => getComputedStyle(el).color);
    expect(colour).toMatch(/^rgb\((\d+), (\d+), (\d+)\)$/);
    const [r, g, b] = colour.match(/\d+/g)!.map(Number);
    expect(r).toBeGreaterThan(150); // red
    expect(g).toBeLessThan(100);
    expect(b).toBeLessThan(100);
    await county.screenshot({ path: 'test-results/incident-overdue.png', fullPage: true });

    // The county submits the first report: the deadline is met late (迟报), the next follow-up is due.
    await county.getByTestId('submit-report').click();
    await county.getByTestId('report-form').waitFor();
    await county.getByTestId('report-text').fill('晋江市安海镇某仓库起火，无人员伤亡，已处置。');
    await county.getByTestId('report-send').click();
    await expect
      .poll(() => county.locator('[data-testid="report-row"][data-kind="first"]').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => first.getAttribute('data-state'), { timeout: 20_000 }).toBe('late');
    const followup = county.locator('[data-testid="report-deadline"][data-kind="followup"]').first();
    await followup.waitFor({ timeout: 30_000 });
    expect(await followup.getAttribute('data-state')).toBe('open');

    // The daily duty report for that day downloads as a PDF that contains the incident.
    await county.goto('/duty/report');
    await county.getByTestId('daily-report').waitFor();
    await fillPicker(county, 'daily-report-date', received.date);
    const [download] = await Promise.all([county.waitForEvent('download'), county.getByTestId('daily-report-pdf').click()]);
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-pdf-')), 'daily.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString();
    expect(text).toContain('值班日报');
    expect(text.replace(/\s+/g, '')).toContain(title.replace(/\s+/g, ''));
  });
});
