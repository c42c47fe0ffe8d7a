import { TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, loginAs, newContext } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function fresh(): Promise<Page> {
  const ctx = await newContext(browser);
  return ctx.newPage();
}

/** Waits until a new 30-second TOTP step begins, so a code is not a replay of the previous one. */
async function nextTotpStep(): Promise<void> {
  const step = Math.floor(Date.now() / 30_000);
  while (Math.floor(Date.now() / 30_000) === step) await new Promise((r) => setTimeout(r, 250));
}

describe('a duty officer', () => {
  it('logs in and sees Quanzhou and its counties on the One Map', async () => {
    const page = await fresh();
    await loginAs(page, 'duty');
    await page.getByTestId('one-map').waitFor();
    const labels = page.getByTestId('county-label');
    await expect.poll(() => labels.count(), { timeout: 30_000 }).toBe(12);
    const names = await labels.allTextContents();
    expect(names).toEqual(expect.arrayContaining(['晋江市', '丰泽区', '泉港区', '南安市']));
    // The boundaries are drawn by MapLibre from the API (offline, no external tiles).
    const rendered = await page.waitForFunction(
      () => {
        const map = (window as unknown as { __vigilMap?: { loaded(): boolean; queryRenderedFeatures(): { source: string }[] } }).__vigilMap;
        if (!map?.loaded()) return 0;
        return new Set(map.queryRenderedFeatures().map((f) => f.source)).size;
      },
      undefined,
      { timeout: 30_000 },
    );
    expect(await rendered.jsonValue()).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/one-map.png' });
    await page.context().close();
  });

  it('switches the interface to English and keeps it after reloading', async () => {
    const page = await fresh();
    await loginAs(page, 'commander');
    await page.getByTestId('side-menu').waitFor();
    await expect.poll(() => page.getByTestId('side-menu').textContent()).toContain('一张图');
    await page.getByTestId('lang-switch').getByText('EN', { exact: false }).click();
    await expect.poll(() => page.getByTestId('side-menu').textContent()).toContain('One Map');
    await page.reload();
    await page.getByTestId('side-menu').waitFor();
    await expect.poll(() => page.getByTestId('side-menu').textContent()).toContain('One Map');
    await page.getByTestId('lang-switch').getByText('中', { exact: false }).click();
    await expect.poll(() => page.getByTestId('side-menu').textContent()).toContain('一张图');
    await page.context().close();
  });
});

describe('login security', () => {
  it('locks an account after 5 wrong passwords, even for the right password', async () => {
    const page = await fresh();
    await page.goto('/login');
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('login-username').fill('viewer');
      await page.getByTestId('login-password').fill(`Wrong-Pass-${i}`);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-error').waitFor();
      if (i < 4) await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    }
    await loginAs(page, 'viewer');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('锁定');
    expect(page.url()).toContain('/login');
    await page.context().close();
  });

  it('makes an administrator enrol and then pass TOTP', async () => {
    const page = await fresh();
    await loginAs(page, 'auditor');
    await page.getByTestId('login-totp-enroll').waitFor();
    await page.getByTestId('totp-qr').waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    const totp = new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' });
    await page.getByTestId('totp-code').fill(totp.generate());
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('side-menu').waitFor();
    await expect.poll(() => page.getByTestId('side-menu').textContent()).toContain('审计');
    await page.getByTestId('logout').click();

    await loginAs(page, 'auditor');
    await page.getByTestId('login-totp').waitFor();
    await page.getByTestId('totp-code').fill('000000');
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('totp-error').waitFor();
    await nextTotpStep();
    await page.getByTestId('totp-code').fill(totp.generate());
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('audit-page').or(page.getByTestId('side-menu')).first().waitFor();
    expect(page.url()).not.toContain('/login');
    await page.context().close();
  });
});
