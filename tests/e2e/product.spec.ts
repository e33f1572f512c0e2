// Journey: a supplier creates a product, finds it by search, reloads and still sees it, then edits it.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { startWebServer, type WebServer } from './support/server';
import { noteAskedBeforeMount } from './support/askedBeforeMount';
import { openBrowser, type Session } from './support/browser';
import { CatalogPage } from './pages/CatalogPage';

let server: WebServer;
let s: Session;
let catalog: CatalogPage;
type Product = { id: string; sku: string; name: string; retailPriceFen: number; minRetailPriceFen: number; stockOnHand: number; prices: { priceFen: number }[] };

beforeAll(async () => {
  server = await startWebServer({ empty: true });
  s = await openBrowser();
  catalog = new CatalogPage(s.page, server.url, server.credentials);
  await catalog.open('catalog');
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

describe('create a product', () => {
  it('shows what is missing instead of saving an incomplete product', async () => {
    await catalog.openNew();
    await catalog.save();
    await expect(catalog.fieldError('sku')).not.toBeEmpty();
    await expect(catalog.fieldError('name')).not.toBeEmpty();
    expect((await server.call<{ total: number }>('products.list')).total).toBe(0);
  });

  it('shows the price rule at its field: minimum retail price above retail price', async () => {
    await catalog.fill({ sku: 'TEA-001', name: '高山红茶', category: '食品', spec: '250g/罐', retail: '99', minRetail: '120' });
    await catalog.save();
    await expect(catalog.fieldError('min-retail')).toContainText('控价');
    expect((await server.call<{ total: number }>('products.list')).total).toBe(0);
  });

  it('refuses a negative and a too large price in Chinese, naming the field, never with zod’s English', async () => {
    const drawer = s.page.locator('.n-drawer');
    await catalog.fill({ retail: '-5' });
    await catalog.save();
    await expect(catalog.fieldError('retail')).toHaveText('「建议零售价（元）」不能小于 ¥0.00');
    await catalog.fill({ retail: '99999999999', minRetail: '89.90' });
    await catalog.save();
    await expect(catalog.fieldError('retail')).toHaveText('「建议零售价（元）」不能大于 ¥10,000,000,000.00');
    await catalog.fill({ prices: { L1: '-1' } });
    await catalog.save();
    await expect(catalog.fieldError('price-L1')).toHaveText('「代理价（体验代理）」不能小于 ¥0.00');
    await expect(drawer).not.toContainText(/Too (big|small)|expected|Invalid/);
    expect((await server.call<{ total: number }>('products.list')).total).toBe(0);
    await catalog.fill({ retail: '99', prices: { L1: '' } });
  });

  it('saves a valid product with level prices, in integer fen', async () => {
    await catalog.fill({ minRetail: '89.90', initialStock: '200', prices: { L1: '69.9', L2: '64.5', L3: '59', L4: '55.55' } });
    await catalog.save();
    await expect(catalog.message()).toContainText('TEA-001');
    const [p] = (await server.call<{ rows: Product[] }>('products.list')).rows;
    expect(p).toMatchObject({ sku: 'TEA-001', name: '高山红茶', retailPriceFen: 9900, minRetailPriceFen: 8990, stockOnHand: 200 });
    expect(p.prices.map((x) => x.priceFen)).toEqual([6990, 6450, 5900, 5555]);
    await expect(catalog.rows('products-table')).toHaveCount(1);
  });

  it('finds it by pinyin initials and by a word in the name, and still after a reload', async () => {
    await server.call('products.create', { sku: 'MASK-01', name: '补水面膜', category: '美妆个护', retailPriceFen: 5900, minRetailPriceFen: 4900 });
    await s.page.reload();
    await expect(catalog.rows('products-table')).toHaveCount(2);
    await catalog.search('gshc');
    await expect(catalog.rows('products-table')).toHaveCount(1);
    await expect(catalog.cell('products-table', 0, 'sku')).toHaveText('TEA-001');
    // Each search shows a different product than the one before, so the assertion waits for its reply.
    await catalog.search('面膜');
    await expect(catalog.cell('products-table', 0, 'sku')).toHaveText('MASK-01');
    await catalog.search('红茶');
    await expect(catalog.cell('products-table', 0, 'sku')).toHaveText('TEA-001');
    await s.page.reload();
    await catalog.search('TEA');
    await expect(catalog.rows('products-table')).toHaveCount(1);
    await expect(catalog.cell('products-table', 0, 'name')).toContainText('高山红茶');
  });

  it('first load: a spinner where the rows will be (no overlay), then the rows with their level price columns at once', async () => {
    // The replies are held until the page has been looked at: the list's first, the levels' after it.
    const hold = (method: string) => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const url = `**/api/call/${method}`;
      const ready = s.page.route(url, async (route) => {
        await held;
        await route.continue();
      });
      return { ready, release, done: () => s.page.unroute(url) };
    };
    const list = hold('products.list');
    const levels = hold('levels.list');
    await Promise.all([list.ready, levels.ready]);
    await s.page.reload();
    const table = s.page.getByTestId('products-table');
    await expect(table.getByTestId('table-first-load')).toBeVisible();
    await expect(table.locator('.n-data-table-loading-wrapper')).toHaveCount(0);
    // Read in the first frame that shows a row: the price columns are there already (the table is drawn once).
    const firstFrame = s.page.waitForFunction(
      () => {
        const t = document.querySelector('[data-testid="products-table"]');
        if (!t?.querySelector('tbody tr.n-data-table-tr td[data-col-key="sku"]')) return false;
        return { priceHeaders: t.querySelectorAll('th[data-col-key^="price-"]').length, spinners: t.querySelectorAll('[data-testid="table-first-load"]').length };
      },
      undefined,
      { polling: 'raf' },
    );
    const listAnswered = s.page.waitForResponse('**/api/call/products.list');
    list.release();
    await listAnswered;
    await expect(table.getByTestId('table-first-load')).toBeVisible(); // the page waits for the levels
    levels.release();
    expect(await (await firstFrame).jsonValue()).toEqual({ priceHeaders: 4, spinners: 0 });
    await Promise.all([list.done(), levels.done()]);
  });

  it('a sidebar click asks for the list before the screen mounts, once (the screen takes that reply)', async () => {
    await s.page.getByTestId('nav-settings').click();
    await s.page.locator('.page-title').filter({ hasText: '设置' }).waitFor();
    const asked = await noteAskedBeforeMount(s.page, 'products.list', 'products-table');
    await s.page.getByTestId('nav-catalog').click();
    await expect(catalog.table().first()).toBeVisible();
    // One call, made before the table mounted: the router's, whose reply the screen used.
    expect(await asked()).toEqual([false]);
    await s.page.reload(); // the page's own fetch again
    await expect(catalog.table().first()).toBeVisible();
    // The idle warm-up mounts a closed drawer: done before the next test opens the product drawer.
    await s.page.locator('html[data-warmed-up]').waitFor({ state: 'attached' });
  });

  it('refuses a second product with a taken SKU, at the SKU field', async () => {
    await catalog.openNew();
    await catalog.fill({ sku: 'TEA-001', name: '另一款茶', category: '食品', retail: '50', minRetail: '40' });
    await catalog.save();
    await expect(catalog.fieldError('sku')).toContainText('SKU 已被其他商品使用');
    expect((await server.call<{ total: number }>('products.list')).total).toBe(2);
    await s.page.keyboard.press('Escape');
  });

  it('edits the product and the list shows the change', async () => {
    await catalog.search('TEA');
    await catalog.rows('products-table').first().getByTestId('product-edit').click();
    await expect(s.page.getByTestId('product-name')).toHaveValue('高山红茶');
    await catalog.fill({ name: '高山红茶（特级）' });
    await catalog.save();
    await expect(catalog.cell('products-table', 0, 'name')).toContainText('高山红茶（特级）');
    const [p] = (await server.call<{ rows: Product[] }>('products.list', { search: 'TEA' })).rows;
    expect(p.name).toBe('高山红茶（特级）');
  });

  it('cuts a long name to its column and shows it whole on hover, in the one shared tooltip', async () => {
    const name = '云南古树普洱茶生茶饼（357克，2019年春茶，易武产区，手工石磨压制，七子饼）';
    await server.call('products.create', { sku: 'PUER-LONG', name, category: '茶叶', retailPriceFen: 29900, minRetailPriceFen: 25900 });
    await catalog.search('PUER-LONG');
    const cell = catalog.cell('products-table', 0, 'name');
    await expect(cell).toContainText('云南古树普洱茶');
    await cell.locator('.cell-clip').hover();
    await expect(s.page.locator('.n-tooltip').filter({ hasText: name })).toBeVisible();
    // A short name that fits gets no tooltip.
    await catalog.search('TEA');
    await catalog.cell('products-table', 0, 'name').locator('.cell-clip').hover();
    await expect(s.page.locator('.n-tooltip:visible')).toHaveCount(0);
  });

  it('raised no errors in the page', () => {
    // Failed calls are answered with 4xx (validation, conflict) and Chromium logs those as resource errors.
    expect(s.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });
});
