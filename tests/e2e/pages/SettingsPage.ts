import type { Locator, Page } from 'playwright/test';
import { expect } from '../support/expect';
import { AppShell } from './AppShell';
import type { Credentials } from '../support/server';

/** 设置: the security card (idle time, import limits), the analytics card (churn, stock piling) and the backup card (back up, restore, delete). */
export class SettingsPage extends AppShell {
  constructor(page: Page, baseUrl: string, credentials?: Credentials) {
    super(page, baseUrl, credentials);
  }

  backups = () => this.rows('backups-table');
  /** The message toast with this text (earlier ones may still be showing). */
  toast = (text: string): Locator => this.message().filter({ hasText: text }).last();
  backupRow = (name: string): Locator => this.backups().filter({ hasText: name });

  /**
   * Remember every data-testid that shows up from now on: a job on a small database can finish before a
   * locator would see its progress bar, but the bar is rendered at least once.
   */
  async recordTestIds() {
    await this.page.evaluate(() => {
      const w = window as unknown as { seenTestIds: Set<string> };
      w.seenTestIds = new Set();
      const note = (el: Element) => {
        const id = el.getAttribute('data-testid');
        if (id) w.seenTestIds.add(id);
      };
      new MutationObserver((records) => {
        for (const r of records)
          r.addedNodes.forEach((n) => {
            if (!(n instanceof Element)) return;
            note(n);
            n.querySelectorAll('[data-testid]').forEach(note);
          });
      }).observe(document.body, { childList: true, subtree: true });
    });
  }
  seenTestId = (id: string) => this.page.evaluate((x) => (window as unknown as { seenTestIds: Set<string> }).seenTestIds.has(x), id);

  async backUpNow() {
    await this.page.getByTestId('backup-create').click();
    await expect(this.toast('已备份')).toBeVisible();
    await expect(this.page.getByTestId('backup-create')).toBeEnabled();
  }

  async restore(name: string) {
    await this.backupRow(name).getByTestId('backup-restore').click();
  }

  securityInput = (key: string) => this.page.getByTestId(`security-${key}`);
  securityError = (key: string) => this.page.getByTestId(`security-field-${key}`).locator('.n-form-item-feedback');
  analyticsInput = (key: string) => this.page.getByTestId(`analytics-${key}`);
  analyticsError = (key: string) => this.page.getByTestId(`analytics-field-${key}`).locator('.n-form-item-feedback');
}
