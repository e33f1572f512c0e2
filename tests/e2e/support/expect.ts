// Playwright's expect with a timeout for a busy machine: specs wait for states (a row, a text, a reply),
// never for a fixed time, and a state may take long to come when the CPUs are shared. The default 5 s failed
// under load (a first list after a 400,000-line demo, the scoped agents list).
import { expect as base } from 'playwright/test';

export const expect = base.configure({ timeout: 60_000 });
