import type { Page } from 'playwright/test';
import { expect } from '../support/expect';
import { AppShell } from './AppShell';
import type { Credentials } from '../support/server';

export interface ProductFields {
  sku: string;
  name: string;
  category: string;
  spec?: string;
  retail: string; // yuan, as typed
  minRetail: string;
  prices?: Record<string, string>; // level code → yuan
  initialStock?: string;
}

export class CatalogPage extends AppShell {
  constructor(page: Page, baseUrl: string, credentials?: Credentials) {
    super(page, baseUrl, credentials);
  }

  table = () => this.rows('products-table');

  async openNew() {
    await this.page.getByTestId('product-new').click();
    await expect(this.page.getByTestId('product-sku')).toBeVisible();
  }

  async fill(f: Partial<ProductFields>) {
    const p = this.page;
    if (f.sku !== undefined) await p.getByTestId('product-sku').fill(f.sku);
    if (f.name !== undefined) await p.getByTestId('product-name').fill(f.name);
    if (f.category !== undefined) {
      await p.getByTestId('product-category').fill(f.category);
      await p.getByTestId('product-category').press('Tab'); // closes the suggestions; Esc would close the drawer
    }
    if (f.spec !== undefined) await p.getByTestId('product-spec').fill(f.spec);
    if (f.retail !== undefined) await p.getByTestId('product-retail').fill(f.retail);
    if (f.minRetail !== undefined) await p.getByTestId('product-min-retail').fill(f.minRetail);
    if (f.initialStock !== undefined) await p.getByTestId('product-initial-stock').fill(f.initialStock);
    for (const [code, yuan] of Object.entries(f.prices ?? {})) await p.getByTestId(`product-price-${code}`).fill(yuan);
  }

  async save() {
    await this.page.getByTestId('product-save').click();
  }

  fieldError = (field: string) => this.page.getByTestId(`product-field-${field}`).locator('.n-form-item-feedback');
}
