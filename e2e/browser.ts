import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches the machine's Chromium headless with flags that work offline and as root. Graphics go
 * through SwiftShader (software) in the GPU process, composited the way a browser with a graphics
 * card composites: WebGL frames are handed to the compositor. (With `--disable-gpu` Chromium
 * composites in software and reads every WebGL frame back on the page's main thread, waiting for
 * it to be rasterised: in a trace of the map-panning test that wait was about 80 % of every long
 * task, so the test measured the rasteriser instead of the page.)
 */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-unsafe-swiftshader',
      `--user-data-dir=${mkdtempSync(join(tmpdir(), 'vigil-chromium-'))}`,
    ].filter((a) => !a.startsWith('--user-data-dir')),
  });
}

export function baseUrl(): string {
  return inject('baseUrl');
}

export function demoPassword(): string {
  return inject('demoPassword');
}

/** A fresh browser context (own cookies) in Chinese, Beijing time. */
export async function newContext(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl(), locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport });
}

/** Signs in through the login page as a user whose login needs no second factor. */
export async function loginAs(page: Page, username: string, password = demoPassword()): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * The open antd select dropdown, once its opening animation has finished. On a slow machine a
 * click that lands while the list is still sliding in can be lost (the list stays open, nothing
 * is chosen), so option clicks wait for this.
 */
export function openDropdown(page: Page) {
  return page.locator('.ant-select-dropdown:visible:not([class*="-appear"]):not([class*="-enter"])');
}

/**
 * Clicks an option of the open antd select (the first one, or the first whose text contains
 * `text`) and waits for the list to close. Returns the option's text. A tree select's options
 * are `.ant-select-tree-node-content-wrapper`.
 */
export async function pickOption(page: Page, text?: string, optionSelector = '.ant-select-item-option'): Promise<string> {
  const options = openDropdown(page).locator(optionSelector);
  const option = (text === undefined ? options : options.filter({ hasText: text })).first();
  await option.waitFor();
  const label = ((await option.textContent()) ?? '').trim();
  await option.click();
  await page.waitForFunction(() => ![...document.querySelectorAll('.ant-select-dropdown')].some((el) => el.checkVisibility()), undefined, {
    timeout: 15_000,
  });
  return label;
}
