// Types of scripts/find-browser.mjs (used by tests/e2e/support/browser.ts, vitest.e2e.config.mts and bench/lists.mts).
export type BrowserLaunch = { executablePath: string } | { channel: 'chrome' | 'msedge' };
export type FoundBrowser = { ok: true; launch: BrowserLaunch; describe: string } | { ok: false; message: string };
export function findBrowser(opts?: { env?: Record<string, string | undefined>; platform?: string }): FoundBrowser;
