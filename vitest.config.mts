import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@contract': resolve(import.meta.dirname, 'src-main/contract'), '@': resolve(import.meta.dirname, 'src-renderer/src') },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/tempRoot.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
