import type { Page } from 'playwright/test';
import { expect } from '../support/expect';
import { AppShell } from './AppShell';
import type { Credentials } from '../support/server';

export class ReportsPage extends AppShell {
  constructor(page: Page, baseUrl: string, credentials?: Credentials) {
    super(page, baseUrl, credentials);
  }

  table = () => this.rows('ranking-table');

  /** Pick a period preset; returns once the page shows it (period-text reads from the same state). */
  async choosePreset(preset: '7' | '30' | '365' | 'month' | 'lastMonth') {
    const button = this.page.getByTestId(`period-${preset}`);
    await button.click();
    await expect(button).toHaveClass(/n-radio-button--checked/);
  }

  /** Click 导出 Excel and wait for the browser download; returns the saved path. */
  async exportRanking(saveDir: string): Promise<{ path: string; suggested: string }> {
    const downloading = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.page.getByTestId('export-ranking').click();
    const dl = await downloading;
    const target = `${saveDir}/${dl.suggestedFilename()}`;
    await dl.saveAs(target);
    await expect(this.page.getByTestId('export-ranking')).toBeEnabled();
    return { path: target, suggested: dl.suggestedFilename() };
  }
}
