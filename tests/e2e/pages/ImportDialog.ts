import type { Locator, Page } from 'playwright/test';
import { expect } from '../support/expect';

/** The Excel import dialog (components/ImportDialog.vue), opened from a list page's 导入 button. */
export class ImportDialog {
  constructor(readonly page: Page) {}

  root = (): Locator => this.page.getByTestId('import-dialog');
  result = (): Locator => this.page.getByTestId('import-result');
  refusal = (): Locator => this.page.getByTestId('import-refusal');
  errors = (): Locator => this.page.getByTestId('import-errors');
  issueRows = (): Locator => this.page.getByTestId('import-issues').locator('tbody tr.n-data-table-tr');

  async open(buttonTestid: string) {
    await this.page.getByTestId(buttonTestid).click();
    await expect(this.root()).toBeVisible();
  }

  /** Click a download button and save what the browser downloads into `dir`. */
  async download(buttonTestid: 'import-template' | 'import-report', dir: string): Promise<{ path: string; suggested: string }> {
    const downloading = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.page.getByTestId(buttonTestid).click();
    const dl = await downloading;
    const path = `${dir}/${dl.suggestedFilename()}`;
    await dl.saveAs(path);
    return { path, suggested: dl.suggestedFilename() };
  }

  /** Choose a file (as the file picker would) and start the import. */
  async importFile(path: string) {
    await this.page.getByTestId('import-file').setInputFiles(path);
    await this.page.getByTestId('import-start').click();
  }

  async close() {
    await this.page.keyboard.press('Escape');
    await expect(this.root()).toHaveCount(0);
  }
}
