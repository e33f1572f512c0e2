import type { Locator, Page } from 'playwright/test';
import { expect } from '../support/expect';
import { DEMO_ADMIN, type Credentials } from '../support/server';

export type Area = 'workbench' | 'catalog' | 'agents' | 'orders' | 'reports' | 'audit' | 'users' | 'settings';

/** The layout every screen shares: sidebar, header switches, and naive-ui tables by data-testid. */
export class AppShell {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
    readonly credentials: Credentials = DEMO_ADMIN,
  ) {}

  /** Open an area, signing in through the sign-in screen first when it shows. */
  async open(area: Area = 'workbench', as: Credentials = this.credentials) {
    await this.page.goto(`${this.baseUrl}#/${area}`);
    const form = this.page.getByTestId('login-form');
    await expect(form.or(this.nav('workbench'))).toBeVisible();
    if (await form.isVisible()) await this.signIn(as);
    await expect(this.nav('workbench')).toBeVisible();
  }

  async signIn(as: Credentials) {
    await this.page.getByTestId('login-name').fill(as.login);
    await this.page.getByTestId('login-password').fill(as.password);
    await this.page.getByTestId('login-submit').click();
  }

  async signOut() {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('sign-out').click();
    await expect(this.page.getByTestId('login-form')).toBeVisible();
  }

  nav = (area: Area): Locator => this.page.getByTestId(`nav-${area}`);

  async go(area: Area) {
    await this.nav(area).click();
    await expect(this.page).toHaveURL(new RegExp(`#/${area}`));
  }

  /**
   * From the next page load on, records every state naive-ui's loading bar takes (its element's
   * `n-loading-bar--<state>` class: loading, finishing, error), however briefly; read with loadingBarStates().
   */
  async recordLoadingBar() {
    await this.page.addInitScript(() => {
      const seen = new Set<string>();
      (window as unknown as { __loadingBarStates: Set<string> }).__loadingBarStates = seen;
      const note = (cls: string | null | undefined) => {
        for (const m of (cls ?? '').matchAll(/\bn-loading-bar--(\w+)/g)) seen.add(m[1]);
      };
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'attributes') note(r.oldValue), note((r.target as Element).getAttribute('class'));
          for (const n of Array.from(r.addedNodes))
            if (n instanceof Element) [n, ...Array.from(n.querySelectorAll('.n-loading-bar'))].forEach((e) => note(e.getAttribute('class'))); // not className: an SVG element's is no string
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeOldValue: true, attributeFilter: ['class'] });
    });
  }

  loadingBarStates = (): Promise<string[]> =>
    this.page.evaluate(() => [...((window as unknown as { __loadingBarStates?: Set<string> }).__loadingBarStates ?? [])]);

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

  /** Pick an option of a naive-ui select by its visible text (the menu is teleported to the body). */
  async choose(selectTestid: string, optionText: string) {
    const select = this.page.getByTestId(selectTestid);
    await select.click();
    // The open menu: naive-ui keeps every select's menu once made (hidden), so the last one made need not be this one.
    await expect(this.page.locator('.n-base-select-menu:visible')).toHaveCount(1);
    // A long menu renders only the options in view: a filterable select is narrowed by typing, as a user would.
    const input = select.locator('input');
    if (await input.count()) await input.fill(optionText);
    await this.page.locator('.n-base-select-option', { hasText: optionText }).first().click();
  }

  async confirm() {
    await this.page.getByTestId('confirm-ok').click();
  }
}
