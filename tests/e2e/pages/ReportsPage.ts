import type { Locator, Page } from 'playwright/test';
import { expect } from '../support/expect';
import { AppShell } from './AppShell';
import type { Credentials } from '../support/server';

/** Preset labels as the period select shows them (zh-CN). */
export const PRESET_LABELS = { 'last-7-days': '近7天', 'last-30-days': '近30天', 'last-365-days': '近365天', 'this-month': '本月', 'last-month': '上月' } as const;

export class ReportsPage extends AppShell {
  constructor(page: Page, baseUrl: string, credentials?: Credentials) {
    super(page, baseUrl, credentials);
  }

  table = () => this.rows('ranking-table');
  /** The ranking's reply to the next request the page sends (after a change of metric, period or filter). */
  nextRanking = () => this.page.waitForResponse((r) => r.url().endsWith('/api/call/reports.ranking'));

  /** Pick a period preset; returns once the page shows it. */
  async choosePreset(preset: keyof typeof PRESET_LABELS) {
    await this.choose('period-preset', PRESET_LABELS[preset]);
    await expect(this.page.getByTestId('period-preset')).toContainText(PRESET_LABELS[preset]);
  }

  /** Rank by a metric, by its name as the select shows it (from the contract's METRICS). */
  async rankBy(metricName: string) {
    await this.choose('ranking-metric', metricName);
    await expect(this.page.getByTestId('ranking-metric')).toContainText(metricName);
  }

  /** The column picker's checkbox of one column. */
  columnBox = (column: string): Locator => this.page.getByTestId(`ranking-columns-${column}`);
  /** Tick or untick columns in the picker, then close it. */
  async toggleColumns(...columns: string[]) {
    const menu = this.page.getByTestId('ranking-columns-menu');
    await this.page.getByTestId('ranking-columns').click();
    await expect(menu).toBeVisible();
    for (const c of columns) await this.columnBox(c).click();
    await this.page.getByTestId('ranking-columns').click();
    await expect(menu).toBeHidden();
  }
  header = (column: string): Locator => this.page.getByTestId('ranking-table').locator(`th[data-col-key="${column}"]`);

  /** The period the page shows, as the API's [from, to). */
  async shownPeriod(): Promise<{ from: string; to: string }> {
    const text = await this.page.getByTestId('period-text').innerText();
    const [from, last] = text.match(/\d{4}-\d{2}-\d{2}/g)!;
    const to = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return { from, to };
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

  /** Saved report setups: the menu, one setup's row in it by name. */
  setupItem = (name: string): Locator => this.page.locator(`[data-testid="setup-item"][data-name="${name}"]`);
  async openSetupsMenu() {
    await this.page.getByTestId('ranking-setups').click();
    await expect(this.page.getByTestId('ranking-setups-menu')).toBeVisible();
  }
  /** Save the screen as it is now under `name`; returns once the save answered. */
  async saveSetup(name: string) {
    await this.openSetupsMenu();
    await this.page.getByTestId('setup-save-open').click();
    await this.page.getByTestId('setup-name').fill(name);
    const saved = this.page.waitForResponse((r) => r.url().endsWith('/api/call/reportSetups.save'));
    await this.page.getByTestId('setup-save').click();
    expect((await saved).ok()).toBe(true);
    await expect(this.page.getByTestId('setup-dialog')).toHaveCount(0);
  }
  async openSetup(name: string) {
    await this.openSetupsMenu();
    await this.setupItem(name).getByTestId('setup-open').click();
  }
  /** Export a setup in one click and wait for the download. */
  async exportSetup(name: string, saveDir: string): Promise<{ path: string; suggested: string }> {
    await this.openSetupsMenu();
    const downloading = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.setupItem(name).getByTestId('setup-export').click();
    const dl = await downloading;
    const target = `${saveDir}/${dl.suggestedFilename()}`;
    await dl.saveAs(target);
    await expect(this.page.getByTestId('export-ranking')).toBeEnabled();
    return { path: target, suggested: dl.suggestedFilename() };
  }
  async deleteSetup(name: string) {
    await this.openSetupsMenu();
    await this.setupItem(name).getByTestId('setup-delete').click();
    const deleted = this.page.waitForResponse((r) => r.url().endsWith('/api/call/reportSetups.delete'));
    await this.page.getByTestId('confirm-ok').click();
    expect((await deleted).ok()).toBe(true);
  }
}
