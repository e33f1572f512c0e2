import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { findBrowser } from '../../../scripts/find-browser.mjs';

/** An installed Chromium, Chrome or Edge, never a downloaded browser; flags keep it off the (closed) network. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  downloads: string;
  /** Console errors and failed requests seen during the spec: a journey should end with none. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * `today` (YYYY-MM-DD): the page's clock starts at `hour` (default noon) of that day in Shanghai and runs on
 * (timers as usual). `timezoneId`: the browser's own zone (default the machine's).
 */
export async function openBrowser(opts: { locale?: string; today?: string | null; hour?: number; timezoneId?: string } = {}): Promise<Session> {
  const found = findBrowser();
  if (!found.ok) throw new Error(found.message); // vitest.e2e.config.mts stops before any spec when there is none
  const browser = await chromium.launch({ ...found.launch, args: ARGS, headless: true });
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: opts.locale ?? 'zh-CN',
    viewport: { width: 1400, height: 900 },
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
  });
  if (opts.today) {
    const hh = String(opts.hour ?? 12).padStart(2, '0');
    await context.clock.install({ time: new Date(`${opts.today}T${hh}:00:00+08:00`) });
    await context.clock.resume();
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-dl-'));
  return { browser, context, page, downloads, errors, close: () => browser.close() };
}
