import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Browser journeys: playwright drives Debian's Chromium against web mode, one server per spec file.
export default defineConfig({
  resolve: { alias: { '@contract': resolve(import.meta.dirname, 'src-main/contract') } },
  test: {
    include: ['tests/e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
