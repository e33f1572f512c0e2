import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, forEachAudit } from '../../src-main/domain/accounts/audit';
import { openTempApp } from './helpers/tempApp';

// The audit log grows without bound: the export reads it page by page after the last entry seen.
let app: Awaited<ReturnType<typeof openTempApp>>;
const T0 = Date.UTC(2026, 5, 1);
beforeAll(async () => {
  app = await openTempApp();
  // 4,500 entries, many sharing one instant, so pages must break ties by id and lose or repeat nothing.
  for (let i = 0; i < 4_500; i++)
    await appendAudit(app.env.db, { userId: null, userLogin: `u${i % 7}`, action: 'sign_in', details: { i } }, T0 + Math.floor(i / 100) * 1000);
});
afterAll(() => app.close());

describe('audit log export reading', () => {
  it('visits every matching entry once, newest first, with progress per page', async () => {
    const seen: number[] = [];
    const progress: [number, number][] = [];
    const n = await forEachAudit(app.env.db, { login: '' }, 'Asia/Shanghai', (e) => void seen.push((e.details as { i: number }).i), {
      progress: (done, total) => progress.push([done, total]),
    });
    expect(n).toBe(4_500);
    expect(new Set(seen).size).toBe(4_500);
    const ats = seen.map((i) => Math.floor(i / 100));
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
    expect(progress).toEqual([
      [2000, 4500],
      [4000, 4500],
      [4500, 4500],
    ]);
  });

  it('stops at the next page once cancelled', async () => {
    const ctrl = new AbortController();
    let seen = 0;
    const run = forEachAudit(app.env.db, { login: '' }, 'Asia/Shanghai', () => void (++seen === 10 && ctrl.abort()), { signal: ctrl.signal });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBe(2000);
  });
});
