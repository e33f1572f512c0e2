import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { findBrowser } from './scripts/find-browser.mjs';

// Without a browser every journey would fail with the same stack trace: say once what to install instead.
const browser = findBrowser();
if (!browser.ok) {
  console.error(browser.message);
  process.exit(1);
}

// Browser journeys: playwright drives Debian's Chromium against web mode, one server per spec file.
export default defineConfig({
  resolve: { alias: { '@contract': resolve(import.meta.dirname, 'src-main/contract') } },
  test: {
    include: ['tests/e2e/**/*.spec.ts'],
    environment: 'node',
    globalSetup: ['tests/support/tempRoot.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
