// Field issues carry a stable code with their limit (never only the server's English), and the renderer
// words them by code in zh-CN and en with the field's label: a −5 or an 11-digit price reads as a sentence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { FIELD_ISSUE_CODES, GENERIC_ISSUE_CODES, type FieldIssue, type Input, type Level } from '@contract';
import zhCN from '@/i18n/zh-CN';
import en from '@/i18n/en';
import { fieldIssueText } from '@/components/fieldIssue';
import { issueField } from '@/views/catalog/productForm';
import { call, errorOf, openTempApp } from './helpers/tempApp';

type T = (k: string, n?: Record<string, unknown>) => string;
const tOf = (locale: 'zh-CN' | 'en') => createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } }).global.t as T;
const zh = tOf('zh-CN');
const english = tOf('en');

let app: Awaited<ReturnType<typeof openTempApp>>;
let levels: Level[];
beforeAll(async () => {
  app = await openTempApp();
  levels = await call(app, 'levels.list', {});
});
afterAll(() => app.close());

const product = (over: Partial<Input<'products.create'>>): Input<'products.create'> => ({
  sku: 'FI-1',
  name: '枸杞',
  category: '食品',
  retailPriceFen: 5000,
  minRetailPriceFen: 4000,
  ...over,
});
async function issuesOf(p: Promise<unknown>): Promise<FieldIssue[]> {
  const e = await errorOf(p);
  expect(e.code).toBe('VALIDATION_FAILED');
  return (e.details as { issues: FieldIssue[] }).issues;
}

describe('the server gives every field issue a code', () => {
  it('reads bounds, lengths, counts, types and choices from the schema, with the limit', async () => {
    expect(await issuesOf(call(app, 'products.create', product({ retailPriceFen: -500, minRetailPriceFen: -500 })))).toEqual([
      { path: 'retailPriceFen', code: 'tooSmall', params: { min: 0 }, message: expect.any(String) },
      { path: 'minRetailPriceFen', code: 'tooSmall', params: { min: 0 }, message: expect.any(String) },
    ]);
    expect(await issuesOf(call(app, 'products.create', product({ retailPriceFen: 9_999_999_999_900 })))).toMatchObject([
      { path: 'retailPriceFen', code: 'tooBig', params: { max: 1e12 } },
    ]);
    const many = await issuesOf(
      call(app, 'products.create', product({ name: '', spec: 'x'.repeat(51), images: Array(7).fill('a.jpg'), weightG: 1.5, status: 'gone' as 'listed' })),
    );
    expect(many.map(({ path, code, params }) => ({ path, code, params }))).toEqual([
      { path: 'name', code: 'required', params: undefined },
      { path: 'spec', code: 'tooLong', params: { max: 50 } },
      { path: 'images', code: 'tooMany', params: { max: 6 } },
      { path: 'weightG', code: 'notInteger', params: undefined },
      { path: 'status', code: 'choice', params: undefined },
    ]);
    const { name: _n, ...noName } = product({});
    expect(await issuesOf(call(app, 'products.create', noName as Input<'products.create'>))).toMatchObject([{ path: 'name', code: 'required' }]);
  });

  it('names the rules: SKU and login formats, price rules, unknown levels, period order, short passwords, no roles', async () => {
    expect(await issuesOf(call(app, 'products.create', product({ sku: 'bad sku!' })))).toMatchObject([{ path: 'sku', code: 'skuFormat' }]);
    const prices = await issuesOf(
      call(app, 'products.create', product({ minRetailPriceFen: 6000, prices: [{ levelId: levels[0].id, priceFen: 7000 }] })),
    );
    expect(prices.map((i) => [i.path, i.code])).toEqual([
      ['minRetailPriceFen', 'minAboveRetail'],
      ['prices.0.priceFen', 'agentAboveRetail'],
    ]);
    expect(await issuesOf(call(app, 'products.create', product({ prices: [{ levelId: 'nope', priceFen: 100 }] })))).toMatchObject([
      { path: 'prices.0.levelId', code: 'unknownLevel' },
    ]);
    expect(await issuesOf(call(app, 'orders.list', { from: '2026-05-02', to: '2026-05-01' }))).toMatchObject([{ path: 'to', code: 'periodOrder' }]);
    const account = await issuesOf(call(app, 'users.create', { login: 'x', name: '小王', password: 'short', roles: [] }));
    expect(account.map(({ path, code, params }) => ({ path, code, params }))).toEqual([
      { path: 'login', code: 'loginFormat', params: undefined },
      { path: 'password', code: 'tooShort', params: { min: 8 } },
      { path: 'roles', code: 'tooFew', params: { min: 1 } },
    ]);
  });

  it('uses only codes the contract lists', async () => {
    const all = await issuesOf(call(app, 'products.create', { sku: 5, name: null, retailPriceFen: 'x' } as never));
    for (const i of all) expect(FIELD_ISSUE_CODES, i.path).toContain(i.code);
  });
});

describe('the renderer words them by code', () => {
  const retail = issueField('retail', [], zh);
  const tooSmall: FieldIssue = { path: 'retailPriceFen', code: 'tooSmall', params: { min: 0 }, message: 'Too small: expected number to be >=0' };
  const tooBig: FieldIssue = { path: 'retailPriceFen', code: 'tooBig', params: { max: 1e12 }, message: 'Too big: expected number to be <=1000000000000' };

  it('names the field and shows a money limit in yuan, in Chinese and in English', () => {
    expect(fieldIssueText(tooSmall, zh, retail)).toBe('「建议零售价（元）」不能小于 ¥0.00');
    expect(fieldIssueText(tooBig, zh, retail)).toBe('「建议零售价（元）」不能大于 ¥10,000,000,000.00');
    expect(fieldIssueText(tooBig, english, issueField('retail', [], english))).toBe('Suggested retail price (¥) must be at most ¥10,000,000,000.00');
    const level = issueField(`price.${levels[2].id}`, levels, zh);
    expect(level).toEqual({ label: '代理价（金牌代理）', money: true });
    expect(fieldIssueText({ ...tooSmall, path: 'prices.0.priceFen' }, zh, level)).toBe('「代理价（金牌代理）」不能小于 ¥0.00');
    expect(fieldIssueText({ path: 'weightG', code: 'tooBig', params: { max: 1_000_000 }, message: '' }, zh, issueField('weightG', [], zh))).toBe(
      '「重量（克）」不能大于 1,000,000',
    );
  });

  it('has a sentence for every code in both languages, and no raw zod text', () => {
    for (const t of [zh, english])
      for (const code of FIELD_ISSUE_CODES) {
        const text = fieldIssueText({ path: 'x', code, params: { min: 1, max: 2 }, message: 'Too big: raw' }, t, { label: 'F' });
        expect(text, code).not.toMatch(/fieldIssue\.|Too big|raw/);
        if ((GENERIC_ISSUE_CODES as readonly string[]).includes(code)) expect(text, code).toContain('F');
      }
  });

  it('falls back to the server text only for a code this build does not know', () => {
    expect(fieldIssueText({ path: 'x', code: 'fromTheFuture' as never, message: 'new rule' }, zh)).toBe('new rule');
  });
});
