import type { Locator, Page } from 'playwright/test';
import { expect } from '../support/expect';
import { AppShell } from './AppShell';
import type { Credentials } from '../support/server';

/** 代理详情: header, figures, the two charts, signals and the agent's orders. */
export class AgentPage extends AppShell {
  constructor(page: Page, baseUrl: string, credentials?: Credentials) {
    super(page, baseUrl, credentials);
  }

  async openAgent(agentId: string) {
    await this.page.goto(`${this.baseUrl}#/agents/${agentId}`);
  }
  code = () => this.page.getByTestId('agent-code');
  name = () => this.page.getByTestId('agent-name');
  notFound = () => this.page.getByTestId('agent-not-found');
  figure = (metric: string): Locator => this.page.getByTestId(`figure-${metric}`);
  monthlyChart = () => this.page.getByTestId('agent-monthly-chart');
  intervalChart = () => this.page.getByTestId('agent-interval-chart');
  /** ECharts' SVG root of a chart; with aria on it describes the data it draws in its aria-label. */
  chartSvg = (chart: Locator): Locator => chart.locator('svg').first();
  orders = () => this.rows('agent-orders-table');

  /** Click 导出对账单 (the month picker's month) and wait for the download; returns the saved path. */
  async exportStatement(saveDir: string): Promise<{ path: string; suggested: string }> {
    const downloading = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.page.getByTestId('export-statement').click();
    const dl = await downloading;
    const target = `${saveDir}/${dl.suggestedFilename()}`;
    await dl.saveAs(target);
    await expect(this.page.getByTestId('export-statement')).toBeEnabled();
    return { path: target, suggested: dl.suggestedFilename() };
  }
}
