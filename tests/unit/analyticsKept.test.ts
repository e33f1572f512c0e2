import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@contract/days';
import { METRIC_IDS } from '@contract';
import { cancelOrder, recordOrder, setOrderStatus } from '../../src-main/domain/ledger';
import { epochDayOf } from '../../src-main/domain/analytics/epochDays';
import { Analytics } from '../../src-main/domain/analytics/service';
import { ALL_AGENTS } from '../../src-main/domain/common/scope';
import { seedLedger, TZ, write, type LedgerSeed } from './helpers/ledger';
import { openTempApp } from './helpers/tempApp';
import { rng } from '../support/rng';

// What the analytics keep between calls — history tables built in the background after a ranking, the arrays of
// dropped rankings reused by new ones — must not change a figure: after random writes through the ledger, every
// ranking of the long-lived service equals the one a freshly loaded model computes.

const DAY = 86_400_000;
const START = Date.parse('2026-08-01T00:00:00+08:00');
const UNTIL = '2026-11-20';
let app: Awaited<ReturnType<typeof openTempApp>>;
let seed: LedgerSeed;

const r = rng(20261202);
const pick = (n: number) => Math.floor(r() * n);

/** `n` random orders over 120 days (some cancelled, some shipped), through the ledger. */
async function randomWrites(n: number) {
  for (let k = 0; k < n; k++) {
    const at = START + pick(120) * DAY + pick(DAY);
    const lines = Array.from({ length: 1 + pick(3) }, () => ({ productId: seed.products[pick(4)], quantity: 1 + pick(4) }));
    const kind = r() < 0.3 ? 'stock' : 'dropship';
    const { value } = await write(app.env.db, at, (ctx) =>
      recordOrder(ctx, {
        agentId: seed.agents[pick(seed.agents.length)], kind, lines, shippingFeeFen: pick(3) * 500, placedAt: at,
        receiver: kind === 'stock' ? undefined : { name: '李四', phone: '13900001111', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 1 号' },
      }),
    );
    const fate = r();
    if (fate < 0.15) await write(app.env.db, at + 1000, (ctx) => cancelOrder(ctx, value.id, { reason: '代理取消' }));
    else if (fate < 0.6) await write(app.env.db, at + DAY, (ctx) => setOrderStatus(ctx, value.id, 'shipped'));
  }
}

const spec = (days: number, metric: (typeof METRIC_IDS)[number]) => ({ from: addDays(UNTIL, -days), to: UNTIL, metric, filters: {}, compare: true, page: 1, pageSize: 100 });
/** Until the model's background builds are done (slices between calls). */
const idle = async (an: Analytics) => {
  while (an.model.loaded?.tables.busy) await new Promise((resolve) => setTimeout(resolve, 20));
};

beforeAll(async () => {
  app = await openTempApp();
  await app.env.db('agent_levels').delete();
  seed = await seedLedger(app.env.db, { agents: 30, products: 4, stock: [1e6, 1e6, 1e6, 1e6], at: START - DAY });
  await randomWrites(300);
}, 120_000);
afterAll(() => app.close());

describe('kept analytics state', () => {
  it('a ranking builds its periods\' history tables in the background, medians included', async () => {
    const an = new Analytics(app.env.db, TZ);
    await an.rankingPage(spec(30, 'amount'), ALL_AGENTS);
    const m = an.model.loaded!;
    await idle(an);
    for (const to of [UNTIL, addDays(UNTIL, -30)]) {
      const h = m.tables.history(epochDayOf(to));
      expect(h.built).toBe(m.agents.count);
      // Computed by the background build, not on demand: no row is left NaN.
      expect(Array.from(h.median).some(Number.isNaN)).toBe(false);
    }
  });

  it('after random writes through the ledger, every ranking equals a freshly loaded model\'s', async () => {
    const kept = app.env.analytics;
    for (let round = 0; round < 4; round++) {
      await randomWrites(4 + pick(6));
      for (const days of [7, 30, 90])
        for (const metric of METRIC_IDS) {
          const q = spec(days, metric);
          const got = await kept.rankingPage(q, ALL_AGENTS);
          // Sometimes let the background builds run between calls, mostly not (a call then finishes them).
          if (r() < 0.15) await idle(kept);
          expect(got, `${metric}, ${days} days, round ${round}`).toEqual(await new Analytics(app.env.db, TZ).rankingPage(q, ALL_AGENTS));
        }
    }
  }, 120_000);
});
