// Journey: a newcomer opens the app for the first time and sees a working console with demo data.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { startWebServer, type WebServer } from './support/server';
import { openBrowser, type Session } from './support/browser';
import { AppShell } from './pages/AppShell';

let server: WebServer;
let s: Session;
let app: AppShell;
type Page<T> = { rows: T[]; total: number };

beforeAll(async () => {
  server = await startWebServer(); // empty data dir: the first start loads the demo
  s = await openBrowser();
  app = new AppShell(s.page, server.url, server.credentials);
  await app.recordLoadingBar();
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

const navText = (area: string) => s.page.getByTestId(`nav-${area}`).innerText();

describe('first start with demo data', () => {
  it('says demo data was loaded and counts it on the workbench', async () => {
    const info = await server.call<{ demoLoaded: boolean; counts: { agents: number; products: number; orders: number } }>('system.info');
    expect(info.demoLoaded).toBe(true);
    expect(info.counts.agents).toBe(1000);
    await app.open('workbench');
    await expect(s.page.getByTestId('demo-notice')).toContainText('演示数据');
    await expect(s.page.getByTestId('count-agents')).toContainText('1,000');
    await expect(s.page.getByTestId('count-orders')).toContainText(info.counts.orders.toLocaleString('en-US'));
  });

  it('warms up the screens while idle after sign-in and says when it is done (the list bench waits for it)', async () => {
    await expect(s.page.locator('html')).toHaveAttribute('data-warmed-up', 'true');
    // Nothing of the warm-up stays in the page.
    await expect(s.page.locator('.warm-up')).toHaveCount(0);
  });

  it('opens every sidebar area in one navigation per click: the loading bar finishes and never turns red', async () => {
    const areas = ['catalog', 'agents', 'orders', 'reports', 'audit', 'users', 'settings', 'workbench'] as const;
    for (const area of areas) {
      await app.go(area);
      await expect(s.page.locator('.page-title')).toContainText(await navText(area));
    }
    // Collapsed, the icons are the links.
    await s.page.locator('.n-layout-toggle-button').click();
    await app.go('catalog');
    await s.page.locator('.n-layout-toggle-button').click();
    const states = await app.loadingBarStates();
    expect(states).toContain('finishing'); // the recorder saw the bar at work
    expect(states).not.toContain('error');
  });

  it('lists goods, agents and orders from the database', async () => {
    const products = await server.call<Page<{ sku: string }>>('products.list', { pageSize: 50 });
    await app.go('catalog');
    await expect(app.rows('products-table').first()).toBeVisible(); // virtual scrolling: only visible rows exist
    await expect(app.cell('products-table', 0, 'sku')).toHaveText(products.rows[0].sku);

    const agents = await server.call<Page<{ code: string; phone: string; name: string }>>('agents.list', { pageSize: 50 });
    await app.go('agents');
    await expect(app.rows('agents-table').first()).toBeVisible();
    await expect(app.cell('agents-table', 0, 'code')).toHaveText(agents.rows[0].code);
    // Search by the mobile's last four digits finds that agent.
    const target = agents.rows[7];
    await app.search(target.phone.slice(-4));
    await expect(app.rows('agents-table').filter({ hasText: target.code })).toHaveCount(1);

    await app.go('orders');
    await expect(app.rows('orders-table').first()).toBeVisible();
    const stock = await server.call<Page<{ orderNo: string }>>('orders.list', { kind: 'stock', pageSize: 50 });
    await app.choose('filter-kind', '囤货');
    await expect(app.cell('orders-table', 0, 'orderNo')).toContainText(stock.rows[0].orderNo);
    const kinds = await app.rows('orders-table').locator('td[data-col-key="kind"]').allInnerTexts();
    expect(new Set(kinds)).toEqual(new Set(['囤货']));
  });

  it('opens an order to show its lines', async () => {
    await app.rows('orders-table').first().getByTestId('order-toggle').click();
    await expect(s.page.getByTestId('order-lines').locator('tbody tr').first()).toBeVisible();
  });

  it('keeps the demo data when asked, and the notice stays gone after a reload', async () => {
    await app.go('workbench');
    await s.page.getByTestId('demo-keep').click();
    await expect(s.page.getByTestId('demo-notice')).toHaveCount(0);
    await s.page.reload();
    await expect(s.page.getByTestId('count-agents')).toContainText('1,000');
    await expect(s.page.getByTestId('demo-notice')).toHaveCount(0);
  });

  it('can start empty instead, after confirming; the demo accounts go too, so the owner is asked for', async () => {
    await app.go('settings');
    await s.page.getByTestId('settings-clear').click();
    await app.confirm();
    await expect(s.page.getByTestId('setup-submit')).toBeVisible({ timeout: 20_000 });
    await s.page.getByTestId('setup-login').fill('owner');
    await s.page.getByTestId('setup-name').fill('店主');
    await s.page.getByTestId('setup-password').fill('owner-pass-1');
    await s.page.getByTestId('setup-password2').fill('owner-pass-1');
    await s.page.getByTestId('setup-submit').click();
    await app.go('workbench');
    await expect(s.page.getByTestId('count-agents')).toContainText('0');
    await expect(s.page.getByTestId('count-orders')).toContainText('0');
  });

  it('raised no errors in the page', () => {
    expect(s.errors.filter((e) => !/status of 401/.test(e))).toEqual([]); // the ended session answers 401 once
  });
});
