import type { Page } from 'playwright/test';
import { expect } from '../support/expect';
import { AppShell } from './AppShell';
import type { Credentials } from '../support/server';

/** The reports screen's 导出报表 tab: follow-up lists, product sales and a staff member's statements. */
export class ReportExportsPage extends AppShell {
  constructor(page: Page, baseUrl: string, credentials?: Credentials) {
    super(page, baseUrl, credentials);
  }

  async openTab() {
    await this.page.getByTestId('reports-tabs').locator('.n-tabs-tab', { hasText: '导出报表' }).click();
    await expect(this.page.getByTestId('report-exports')).toBeVisible();
  }

  /** Click one export (export-dormant, export-stock-piling, export-product-sales, export-statements) and save the download. */
  async export(testid: string, saveDir: string): Promise<{ path: string; suggested: string }> {
    const downloading = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.page.getByTestId(testid).click();
    const dl = await downloading;
    const target = `${saveDir}/${dl.suggestedFilename()}`;
    await dl.saveAs(target);
    await expect(this.page.getByTestId(testid)).toBeEnabled();
    return { path: target, suggested: dl.suggestedFilename() };
  }
}
