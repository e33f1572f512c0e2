// Journey (backup): an admin backs up, a price changes afterwards, the admin restores the backup through
// the settings screen, signs in again (a restore ends every session) and finds the old price in the catalog
// and the restore in the audit log; then edits the session idle time.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { startWebServer, type WebServer } from './support/server';
import { openBrowser, type Session } from './support/browser';
import { SettingsPage } from './pages/SettingsPage';
import { formatFen } from '../../src-renderer/src/components/money';

type Product = { id: string; sku: string; name: string; retailPriceFen: number; updatedAt: number };
type Backup = { name: string; version: string | null };

let server: WebServer;
let s: Session;
let ui: SettingsPage;
let product: Product;
let repricedLevel: string;
let backup: string;

beforeAll(async () => {
  server = await startWebServer();
  s = await openBrowser();
  ui = new SettingsPage(s.page, server.url, server.credentials);
  [product] = (await server.call<{ rows: Product[] }>('products.list', { pageSize: 1 })).rows;
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

describe('backup and restore', () => {
  it('backs up from the settings screen with a progress bar; the backup appears in the list', async () => {
    await ui.open('settings');
    await expect(ui.page.getByTestId('settings-backup')).toContainText('还没有备份');
    await ui.recordTestIds();
    await ui.backUpNow();
    expect(await ui.seenTestId('backup-progress')).toBe(true);
    await expect(ui.backups()).toHaveCount(1);
    const [b] = await server.call<Backup[]>('backup.list');
    backup = b.name;
    await expect(ui.cell('backups-table', 0, 'name')).toHaveText(backup);
    await expect(ui.cell('backups-table', 0, 'version')).toHaveText(b.version!);
  });

  it('restores the backup after a confirmation that says what is kept; the old price is back', async () => {
    const p = await server.call<Product & { prices: { levelId: string; priceFen: number }[] }>('products.get', { id: product.id });
    const [first, ...rest] = p.prices;
    const levels = await server.call<{ id: string; name: string }[]>('levels.list');
    repricedLevel = levels.find((l) => l.id === first.levelId)!.name;
    await server.call('products.update', {
      ...p,
      expectedUpdatedAt: p.updatedAt,
      retailPriceFen: p.retailPriceFen + 12_300,
      prices: [{ ...first, priceFen: first.priceFen + 100 }, ...rest],
    });

    await ui.recordTestIds();
    await ui.restore(backup);
    const dialog = ui.page.getByRole('dialog');
    await expect(dialog).toContainText(backup);
    await expect(dialog).toContainText('自动备份当前数据');
    await expect(dialog).toContainText('审计日志会完整保留');
    await ui.confirm();
    await expect(ui.toast(`已恢复 ${backup}`)).toBeVisible({ timeout: 60_000 });
    expect(await ui.seenTestId('restore-progress')).toBe(true);
    // A restore ends every session (accounts stay as they are now): sign in again, here and for the API.
    await expect(ui.page.getByTestId('login-notice')).toContainText('恢复完成，请重新登录');
    await ui.signIn(server.credentials);
    await expect(ui.nav('workbench')).toBeVisible();
    await server.signIn();
    await ui.go('settings');
    // The safety backup of the data before the restore is listed too.
    await expect(ui.backups()).toHaveCount(2);
    await expect(ui.backupRow('before-restore')).toContainText('恢复前自动备份');

    expect((await server.call<Product>('products.get', { id: product.id })).retailPriceFen).toBe(product.retailPriceFen);
    await ui.go('catalog');
    await ui.search(product.sku);
    await expect(ui.cell('products-table', 0, 'sku')).toHaveText(product.sku);
    await expect(ui.cell('products-table', 0, 'retailPriceFen')).toHaveText(formatFen(product.retailPriceFen));
  });

  it('shows the restore in the audit log, by whom and which backup', async () => {
    await ui.go('audit');
    // The sign-in after the restore came later: look the restore up by its action.
    await ui.choose('filter-action', '恢复备份');
    await expect(ui.cell('audit-table', 0, 'action')).toHaveText('恢复备份');
    await expect(ui.cell('audit-table', 0, 'userLogin')).toHaveText('admin');
    await expect(ui.cell('audit-table', 0, 'target')).toHaveText(`备份 ${backup}`);
    // The price change made after the backup is still in the log: a restore never rolls the audit log back.
    await ui.choose('filter-action', '改价');
    await expect(ui.cell('audit-table', 0, 'target')).toHaveText(`商品 ${product.sku} ${product.name}`);
    await expect(ui.cell('audit-table', 0, 'details')).toContainText(`代理价（${repricedLevel}）`); // which level, by name
  });

  it('changes the session idle time in the security card', async () => {
    await ui.go('settings');
    await expect(ui.securityInput('sessionIdleMinutes')).toHaveValue('30');
    await ui.securityInput('sessionIdleMinutes').fill('3');
    await ui.page.getByTestId('security-save').click();
    await expect(ui.securityError('sessionIdleMinutes')).toContainText('5–1440');
    await ui.securityInput('sessionIdleMinutes').fill('45');
    await ui.securityInput('sessionIdleMinutes').press('Enter');
    await expect(ui.toast('设置已保存')).toBeVisible();
    expect((await server.call<{ sessionIdleMinutes: number }>('settings.get')).sessionIdleMinutes).toBe(45);
  });

  it('changes the churn days and the stock-piling sell-through (a percent) in the analytics card', async () => {
    await expect(ui.analyticsInput('stockPilingSellThrough')).toHaveValue('30');
    await ui.analyticsInput('churnDays').fill('10');
    await ui.analyticsInput('stockPilingSellThrough').fill('120');
    await ui.page.getByTestId('analytics-save').click();
    await expect(ui.analyticsError('churnDays')).toContainText('30–730');
    await expect(ui.analyticsError('stockPilingSellThrough')).toContainText('0–100');
    await ui.analyticsInput('churnDays').fill('90');
    await ui.analyticsInput('stockPilingSellThrough').fill('25');
    await ui.analyticsInput('stockPilingSellThrough').press('Enter');
    await expect(ui.toast('设置已保存')).toBeVisible();
    expect(await server.call('settings.get')).toMatchObject({ churnDays: 90, stockPilingSellThrough: 0.25 });
    await ui.go('audit');
    await ui.choose('filter-action', '修改设置');
    await expect(ui.cell('audit-table', 0, 'details')).toContainText('压货预警动销率 30% → 25%');
    await ui.go('settings');
  });

  it('deletes a backup after asking', async () => {
    await ui.backupRow('before-restore').getByTestId('backup-delete').click();
    await ui.confirm();
    await expect(ui.toast('已删除备份')).toBeVisible();
    await expect(ui.backups()).toHaveCount(1);
    expect((await server.call<Backup[]>('backup.list')).map((b) => b.name)).toEqual([backup]);
  });

  it('raised no errors in the page', () => {
    expect(s.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });
});
