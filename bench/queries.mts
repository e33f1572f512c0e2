// List page queries, unscoped and for a scoped cs clerk (the analytics figures are in analytics.mts).
import { openApp, localCaller } from '../src-main/app/open';
import { addDays } from '../src-main/contract/days';
import { print, timeIt } from './stats.mts';
import { workingCopy } from './workingCopy.mts';

// It writes (agents reassigned, sessions): on the dataset's working copy (workingCopy.mts), never the dataset itself.
const dir = workingCopy(process.argv[2], 'scratch');
const app = await openApp({ dataDir: dir, demoOnEmpty: false });
const caller = localCaller('cli');
const call = async (m: string, input: unknown, as = caller) => {
  const r = await app.router.call(m, input, as);
  if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
  return r.data;
};
const until = '2026-11-25'; // the generator's history ends on 2026-11-24

const lists: [string, string, unknown][] = [
  ['products.list first page', 'products.list', { pageSize: 50 }],
  ['products.list search', 'products.list', { search: '茶' }],
  ['agents.list first page', 'agents.list', { pageSize: 50 }],
  ['agents.list sorted by name, page 200', 'agents.list', { pageSize: 50, sort: 'name', page: 200 }],
  ['agents.list search name prefix', 'agents.list', { search: '王' }],
  ['agents.list search mobile tail', 'agents.list', { search: '8000' }],
  ['agents.list search pinyin initials', 'agents.list', { search: 'zxm' }],
  ['orders.list first page', 'orders.list', { pageSize: 50 }],
  ['orders.list status + 30 days', 'orders.list', { pageSize: 50, status: 'completed', from: addDays(until, -30), to: until }],
];
for (const [name, m, input] of lists) print({ bench: 'list', query: name, ...(await timeIt(20, () => call(m, input))) });

// A cs clerk limited to the agents assigned to them (data scope): 2,000 of the 100,000 agents.
await app.env.db.raw(`UPDATE agents SET cs_user_id = CASE WHEN rowid % 50 = 0 THEN 'bench-cs' ELSE NULL END`);
const scoped = { ...caller, scope: { csUserId: 'bench-cs' } };
const scopedQueries: [string, string, unknown][] = [
  ['agents.list first page', 'agents.list', { pageSize: 50 }],
  ['orders.list first page', 'orders.list', { pageSize: 50 }],
  ['orders.list status + 30 days', 'orders.list', { pageSize: 50, status: 'completed', from: addDays(until, -30), to: until }],
];
for (const [name, m, input] of scopedQueries) print({ bench: 'scoped', query: name, ...(await timeIt(10, () => call(m, input, scoped))) });
await app.close();
