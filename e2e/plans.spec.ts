import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, loginAs, newContext } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('digital plans: the active typhoon plan → a new version drafted → compared with the one in force', () => {
  it('runs the plan revision journey', async () => {
    const page = await (await newContext(browser)).newPage();
    page.setDefaultTimeout(60_000);
    await loginAs(page, 'commander');
    await page.getByTestId('side-menu').waitFor();

    // The city's typhoon plan is in force, with its response levels.
    await page.goto('/plans');
    const row = page.getByTestId('plan-row').filter({ hasText: '泉州市防台风应急预案' }).first();
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('active');
    await row.getByTestId('plan-link').click();
    await page.getByTestId('plan-detail').waitFor();
    await expect.poll(() => page.getByTestId('plan-level').count()).toBe(4);
    await expect.poll(async () => (await page.getByTestId('plan-detail').textContent()) ?? '').toMatch(/≥/);

    // The JSON export is a real download of the plan.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plan-export-json').click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);

    // A new version starts as a draft copy, opened in the editor.
    await page.getByTestId('plan-action-newVersion').click();
    await page.getByTestId('plan-confirm-ok').click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}\/edit$/);
    const summary = page.getByTestId('plan-summary');
    await summary.waitFor();
    const note = `（2026 年修订：增加沿海渔船回港时限 e2e ${Date.now().toString(36)}）`;
    await summary.fill(`${await summary.inputValue()}${note}`);
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-detail').waitFor();
    await expect.poll(async () => (await page.getByTestId('plan-detail').textContent()) ?? '').toContain(note);

    // Compared with the version in force: the summary is the change.
    await page.getByTestId('plan-compare').first().click();
    await page.getByTestId('plan-diff').waitFor();
    const change = page.getByTestId('plan-change').first();
    await change.waitFor();
    expect(await page.getByTestId('plan-diff').textContent()).toContain(note);
    await page.screenshot({ path: 'test-results/plan-diff.png', fullPage: true });
  });
});
