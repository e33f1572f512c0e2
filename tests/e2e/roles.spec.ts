// Journey (accounts): a cs clerk sees no costs and masked mobiles and is refused admin actions; an admin
// exports and finds the export in the audit log under their name.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { startWebServer, DEMO_ADMIN, type WebServer } from './support/server';
import { openBrowser, type Session } from './support/browser';
import { ReportsPage } from './pages/ReportsPage';

const CS = { login: 'kefu', password: 'demo-1234' };
let server: WebServer;
let s: Session;
let app: ReportsPage;

beforeAll(async () => {
  server = await startWebServer();
  s = await openBrowser();
  app = new ReportsPage(s.page, server.url, CS);
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

describe('roles and personal data', () => {
  it('lists the demo logins on the sign-in screen', async () => {
    await s.page.goto(server.url);
    await expect(s.page.getByTestId('demo-logins')).toContainText('kefu');
  });

  it('a cs clerk sees goods without cost, and no reports or audit in the menu', async () => {
    await app.open('catalog');
    await expect(app.rows('products-table').first()).toBeVisible();
    await expect(s.page.getByTestId('products-table').locator('th[data-col-key="costFen"]')).toHaveCount(0);
    await expect(s.page.getByTestId('product-new')).toHaveCount(0);
    await expect(app.nav('reports')).toHaveCount(0);
    await expect(app.nav('audit')).toHaveCount(0);
  });

  it("the clerk's workbench names no screen a clerk cannot open (no 报表), and each of its links opens", async () => {
    await app.go('workbench');
    const main = s.page.locator('#main');
    await expect(s.page.getByTestId('dashboard')).toBeVisible();
    await expect(s.page.getByTestId('count-agents-link')).toBeVisible();
    await expect(main).not.toContainText('报表');
    const hrefs = await main.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    expect(hrefs.sort()).toEqual(['#/agents', '#/catalog', '#/orders']);
    for (const href of hrefs) {
      await app.go('workbench');
      await main.locator(`a[href="${href}"]`).click();
      // A screen the role may not open would send the clerk back to the workbench.
      await expect(s.page).toHaveURL(new RegExp(`${href}$`));
      await expect(s.page.locator('.page-title')).not.toHaveText('工作台');
    }
  });

  it('mobiles are masked on screen and in the API payload the browser receives', async () => {
    await app.go('agents');
    await expect(app.rows('agents-table').first()).toBeVisible();
    const phones = await app.rows('agents-table').locator('td[data-col-key="phone"]').allInnerTexts();
    expect(phones.length).toBeGreaterThan(5);
    for (const p of phones) expect(p).toMatch(/^1\d\d\*{4}\d{4}$/);
    const payload = await s.page.evaluate(async () => {
      const r = await fetch('/api/call/orders.list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Dropship-Client': '1' }, body: '{"kind":"dropship"}' });
      return r.text();
    });
    expect(payload).not.toMatch(/"receiverPhone":"1\d{10}"/);
    expect(payload).toMatch(/"receiverPhone":"1\d\d\*{4}\d{4}"/);
  });

  it('an admin-only action is refused by the main process with a clear answer', async () => {
    const reply = await s.page.evaluate(async () => {
      const r = await fetch('/api/call/system.startEmpty', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Dropship-Client': '1' }, body: '{"confirm":true}' });
      return { status: r.status, body: await r.json() };
    });
    expect(reply).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN', details: { permission: 'system.admin' } } } });
    await app.go('settings');
    await expect(s.page.getByTestId('settings-clear')).toHaveCount(0);
  });

  it('an admin exports the ranking and sees the export, by name, in the audit log', async () => {
    await app.signOut();
    await app.signIn(DEMO_ADMIN);
    await app.go('reports');
    await app.choosePreset('last-365-days');
    await expect(app.rows('ranking-table').first()).toBeVisible();
    await app.exportRanking(s.downloads);
    await app.go('audit');
    await expect(app.cell('audit-table', 0, 'userLogin')).toHaveText('admin');
    await expect(app.cell('audit-table', 0, 'action')).toHaveText('导出');
    await expect(app.cell('audit-table', 0, 'details')).toContainText('含完整个人信息');
  });

  it('the admin exports the audit log itself to a readable .xlsx', async () => {
    const downloading = s.page.waitForEvent('download');
    await s.page.getByTestId('export-audit').click();
    const dl = await downloading;
    const file = `${s.downloads}/${dl.suggestedFilename()}`;
    await dl.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('审计日志')!;
    const actions = (ws.getColumn(3).values as string[]).slice(2);
    expect(actions).toContain('export');
    expect(actions).toContain('sign_in');
  });

  it('a wrong current password shows at its field and keeps the user signed in', async () => {
    await s.page.getByTestId('user-menu').click();
    await s.page.getByTestId('change-password').click();
    await s.page.getByTestId('password-old').fill('not-my-password');
    await s.page.getByTestId('password-new').fill('new-pass-123');
    await s.page.getByTestId('password-new2').fill('new-pass-123');
    await s.page.getByTestId('password-save').click();
    await expect(s.page.getByTestId('change-password-dialog')).toContainText('原密码不正确');
    await s.page.keyboard.press('Escape');
    await expect(app.nav('audit')).toBeVisible();
  });
});
