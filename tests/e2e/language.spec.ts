// Journey: switch the interface (and naive-ui's own texts) between Chinese and English; the choice sticks.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { startWebServer, type WebServer } from './support/server';
import { openBrowser, type Session } from './support/browser';
import { AppShell } from './pages/AppShell';

let server: WebServer;
let s: Session;
let app: AppShell;

beforeAll(async () => {
  server = await startWebServer({ empty: true });
  s = await openBrowser();
  app = new AppShell(s.page, server.url, server.credentials);
  await app.open('agents');
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

describe('language switch', () => {
  it('starts in Chinese', async () => {
    await expect(app.nav('catalog')).toHaveText('商品');
    await expect(s.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(s.page.getByTestId('agents-table')).toContainText('无数据'); // naive-ui's empty table text
  });

  it('switches every label, naive-ui included, to English', async () => {
    await app.langSwitch().click();
    await expect(app.nav('catalog')).toHaveText('Products');
    await expect(app.nav('reports')).toHaveText('Reports');
    await expect(s.page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(s.page.getByTestId('agents-table')).toContainText('No Data');
  });

  it('keeps English after a reload, and switches back', async () => {
    await s.page.reload();
    await expect(app.nav('orders')).toHaveText('Orders');
    await app.langSwitch().click();
    await expect(app.nav('orders')).toHaveText('订单');
  });

  it('switches to the dark theme and back', async () => {
    const bg = () => s.page.evaluate(() => getComputedStyle(document.querySelector('.n-layout') ?? document.body).backgroundColor);
    const light = await bg();
    await s.page.getByTestId('theme-switch').click();
    await expect.poll(bg).not.toBe(light);
    await s.page.getByTestId('theme-switch').click();
    await expect.poll(bg).toBe(light);
  });

  it('raised no errors in the page', () => {
    expect(s.errors).toEqual([]);
  });
});
