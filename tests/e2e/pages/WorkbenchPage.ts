import type { Locator, Page } from 'playwright/test';
import { expect } from '../support/expect';
import { AppShell } from './AppShell';
import type { Credentials } from '../support/server';

/** The workbench with its dashboard: funnel, counts, charts and top lists. */
export class WorkbenchPage extends AppShell {
  constructor(page: Page, baseUrl: string, credentials?: Credentials) {
    super(page, baseUrl, credentials);
  }

  dashboard = () => this.page.getByTestId('dashboard');
  count = (key: 'new' | 'active' | 'dormant' | 'churned'): Locator => this.page.getByTestId(`agent-count-${key}`);
  dailyChart = () => this.page.getByTestId('dashboard-daily-chart');
  provinceChart = () => this.page.getByTestId('dashboard-province-chart');
  topAgents = () => this.page.getByTestId('top-agents').getByTestId('top-agent');

  /** The dashboard's reply once it has loaded (call before opening the workbench). */
  nextDashboard = () => this.page.waitForResponse((r) => r.url().endsWith('/api/call/analytics.dashboard'));

  /**
   * Click category `index` of `of` in a chart whose categories run along `axis`, as a person would: at the
   * category's place in the plot area (data-grid: the option's insets). Lines put category i on a point
   * (no boundary gap), bars in the middle of a band; horizontal bars count from the bottom.
   */
  async clickCategory(chart: Locator, axis: 'x' | 'y', index: number, of: number) {
    await expect(chart.locator('svg').first()).toBeVisible();
    const box = (await chart.boundingBox())!;
    const [left, right, top, bottom] = (await chart.getAttribute('data-grid'))!.split(',').map(Number);
    const w = box.width - left - right;
    const h = box.height - top - bottom;
    if (axis === 'x') await this.page.mouse.click(box.x + left + (of > 1 ? (w * index) / (of - 1) : w / 2), box.y + top + h / 2);
    else await this.page.mouse.click(box.x + left + w / 2, box.y + top + h - (h / of) * (index + 0.5));
  }
}
