import type { Locator, Page } from 'playwright/test';
import { expect } from '../support/expect';
import { AppShell } from './AppShell';
import type { Credentials } from '../support/server';

/** The agents list: masked personal data with its eye button, the staff filter and the assign dialog. */
export class AgentsPage extends AppShell {
  constructor(page: Page, baseUrl: string, credentials?: Credentials) {
    super(page, baseUrl, credentials);
  }

  table = () => this.rows('agents-table');
  codes = () => this.table().locator('td[data-col-key="code"]').allInnerTexts();
  /** The eye button of one cell, found by its accessible name as a screen reader would. */
  eye = (row: number, col: string): Locator => this.cell('agents-table', row, col).getByRole('button', { name: '显示完整信息' });
  scopeNote = () => this.page.getByTestId('agents-scope-note');
  /** The "共 N 条" of the pager. */
  totalText = () => this.page.getByTestId('agents-table').locator('.n-pagination-prefix');

  async selectRow(row: number) {
    await this.table().nth(row).locator('td.n-data-table-td--selection .n-checkbox').click();
  }

  async assignTo(login: string) {
    await this.page.getByTestId('assign-open').click();
    const dialog = this.page.getByTestId('assign-dialog');
    await expect(dialog).toBeVisible();
    await this.page.getByTestId('assign-staff').click();
    await this.page.getByTestId(`assign-staff-${login}`).click();
    await this.page.getByTestId('assign-save').click();
    await expect(dialog).toBeHidden();
  }
}
