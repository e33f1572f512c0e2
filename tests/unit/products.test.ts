import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level } from '@contract';
import { call, errorOf, openTempApp } from './helpers/tempApp';

let app: Awaited<ReturnType<typeof openTempApp>>;
let levels: Level[];
beforeAll(async () => {
  app = await openTempApp();
  levels = await call(app, 'levels.list', {});
});
afterAll(() => app.close());

const base = () => ({
  sku: 'GZ-PUER-357',
  name: '云南古树普洱茶饼',
  category: '食品',
  spec: '357g/饼',
  retailPriceFen: 29900,
  minRetailPriceFen: 25900,
  costFen: 9000,
  initialStock: 120,
  prices: levels.map((l, i) => ({ levelId: l.id, priceFen: 22000 - i * 1000 })),
});

describe('products', () => {
  it('an empty database starts with four agent levels', () => {
    expect(levels.map((l) => l.name)).toEqual(['体验代理', '银牌代理', '金牌代理', '总代理']);
  });

  it('creates a product with level prices and its initial stock as a stock movement', async () => {
    const p = await call(app, 'products.create', base());
    expect(p).toMatchObject({ sku: 'GZ-PUER-357', stockOnHand: 120, status: 'listed', returnPolicy7d: true, costFen: 9000 });
    expect(p.prices.map((x) => x.priceFen)).toEqual([22000, 21000, 20000, 19000]);
    const moves = await app.env.db('stock_movements').where({ product_id: p.id });
    expect(moves).toMatchObject([{ delta: 120, cause: 'initial' }]);
  });

  it('refuses a second product with the same SKU with CONFLICT on the sku field', async () => {
    const e = await errorOf(call(app, 'products.create', { ...base(), name: '另一个' }));
    expect(e).toMatchObject({ code: 'CONFLICT', details: { field: 'sku' } });
    expect(await app.env.db('products').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('names the field of each price rule that fails', async () => {
    const e = await errorOf(
      call(app, 'products.create', {
        ...base(),
        sku: 'X-1',
        minRetailPriceFen: 39900,
        prices: [{ levelId: levels[0].id, priceFen: 30000 }],
      }),
    );
    expect(e.code).toBe('VALIDATION_FAILED');
    expect((e.details as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(['minRetailPriceFen', 'prices.0.priceFen']);
  });

  it('refuses money as a float or negative', async () => {
    const e = await errorOf(call(app, 'products.create', { ...base(), sku: 'X-2', retailPriceFen: 12.5 }));
    expect(e.code).toBe('VALIDATION_FAILED');
    const e2 = await errorOf(call(app, 'products.create', { ...base(), sku: 'X-3', costFen: -1 }));
    expect(e2.code).toBe('VALIDATION_FAILED');
  });

  it('finds products by SKU prefix, pinyin initials and a word inside the name', async () => {
    await call(app, 'products.create', { ...base(), sku: 'MZ-MASK-01', name: '玻尿酸补水面膜', category: '美妆个护', prices: [] });
    const skus = async (search: string) => (await call(app, 'products.list', { search })).rows.map((r) => r.sku);
    expect(await skus('GZ')).toEqual(['GZ-PUER-357']);
    expect(await skus('yngs')).toEqual(['GZ-PUER-357']);
    expect(await skus('面膜')).toEqual(['MZ-MASK-01']);
    expect(await skus('nothing')).toEqual([]);
    expect(await call(app, 'products.categories', {})).toEqual(['美妆个护', '食品']);
  });

  it('pages and sorts in SQL', async () => {
    const r = await call(app, 'products.list', { sort: 'retailPriceFen', order: 'desc', pageSize: 1, page: 2 });
    expect(r.total).toBe(2);
    expect(r.rows).toHaveLength(1);
    const filtered = await call(app, 'products.list', { category: '美妆个护' });
    expect(filtered.rows.map((x) => x.sku)).toEqual(['MZ-MASK-01']);
  });

  it('updates with optimistic concurrency: a stale form gets CONFLICT', async () => {
    const [p] = (await call(app, 'products.list', { search: 'GZ' })).rows;
    const { id, updatedAt } = p;
    const edit = { ...base(), id, expectedUpdatedAt: updatedAt, name: '云南古树普洱茶饼（2026春）', status: 'unlisted' as const };
    const saved = await call(app, 'products.update', edit);
    expect(saved).toMatchObject({ name: '云南古树普洱茶饼（2026春）', status: 'unlisted' });
    expect(saved.updatedAt).toBeGreaterThan(updatedAt);
    const stale = await errorOf(call(app, 'products.update', edit));
    expect(stale).toMatchObject({ code: 'CONFLICT', details: { reason: 'stale' } });
    expect(await app.env.db('audit_log').where({ action: 'price_change' }).count({ n: '*' })).toEqual([{ n: 0 }]); // names only

    const repriced = await call(app, 'products.update', { ...edit, expectedUpdatedAt: saved.updatedAt, retailPriceFen: 31900 });
    expect(repriced.retailPriceFen).toBe(31900);
    const entry = await app.env.db('audit_log').where({ action: 'price_change' }).first('target', 'details');
    expect(entry.target).toBe('GZ-PUER-357');
    expect(JSON.parse(entry.details)).toEqual({ retailPriceFen: [29900, 31900] });
  });
});
