import { expect, type Locator, type Page } from 'playwright/test';

export type Area = 'workbench' | 'catalog' | 'agents' | 'orders' | 'reports' | 'audit' | 'settings';

/** The layout every screen shares: sidebar, header switches, and naive-ui tables by data-testid. */
export class AppShell {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(area: Area = 'workbench') {
    await this.page.goto(`${this.baseUrl}#/${area}`);
    await expect(this.nav('workbench')).toBeVisible();
  }

  nav = (area: Area): Locator => this.page.getByTestId(`nav-${area}`);

  async go(area: Area) {
    await this.nav(area).click();
    await expect(this.page).toHaveURL(new RegExp(`#/${area}`));
  }

  langSwitch = () => this.page.getByTestId('lang-switch');
  message = () => this.page.locator('.n-message');

  /** Body rows of a naive-ui data table (not the empty placeholder). */
  rows = (tableId: string): Locator => this.page.getByTestId(tableId).locator('tbody tr.n-data-table-tr');
  cell = (tableId: string, row: number, colKey: string): Locator => this.rows(tableId).nth(row).locator(`td[data-col-key="${colKey}"]`);

  async search(text: string) {
    const box = this.page.getByTestId('search');
    await box.fill(text);
    await box.press('Enter');
  }

  async confirm() {
    await this.page.getByTestId('confirm-ok').click();
  }
}
