import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DERIVED_TABLES, FACT_TABLES } from '../../src-main/domain/ledger/rebuild';

// architecture.md, "The write path": the order facts and their rollups are written by domain/ledger only, so that
// every write keeps the rollups, the timeline, the audit log and the data.changed event with it. This test reads
// every .ts file under src-main and fails on a write to one of those tables anywhere else.

const root = path.resolve(import.meta.dirname, '../../src-main');
const GUARDED = [...FACT_TABLES, ...DERIVED_TABLES];
const T = `(?:${GUARDED.join('|')})`;

/**
 * The bulk paths that replace all facts at once, each ending with a rollup rebuild (the demo: the same rollups
 * written from the facts it generated) in its own transaction (checked below), and the migrations (schema changes that run before the app opens; a migration that changes facts bumps
 * ROLLUPS_VERSION so that the rollups are rebuilt on open).
 */
const EXCEPTIONS: { file: RegExp; fn?: string; why: string }[] = [
  { file: /^domain\/ledger\//, why: 'the ledger itself' },
  { file: /^db\/demo\//, why: 'the demo load (generate.ts writes the rollups of the facts it generated at its end, equal to a rebuild: tests/unit/demo.test.ts)' },
  { file: /^db\/restore\.ts$/, why: 'restore (copyTables rebuilds the rollups at its end)' },
  { file: /^domain\/system\/data\.ts$/, fn: 'wipeBusinessData', why: "'clear all data' (rebuilds the rollups at its end)" },
  { file: /^db\/migrations\//, why: 'migrations' },
];

/** Comments blanked (same length, so offsets and line numbers stay): a comment saying "UPDATE orders" is no write. */
const withoutComments = (src: string) =>
  src.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[\s;{}(),])\/\/[^\n]*/g, (c, lead: string) => lead + ' '.repeat(c.length - lead.length));

const KNEX_WRITE = /\.\s*(?:insert|update|del|delete|truncate|increment|decrement|upsert)\s*\(/;
const PATTERNS: { kind: string; re: RegExp; statement?: boolean }[] = [
  // knex: db('orders') / trx('orders as o') / .table('orders') / .from('orders') …, with a write in the same statement.
  { kind: 'knex', re: new RegExp(`\\(\\s*(['"\`])(${T})(?:\\s+as\\s+\\w+)?\\1\\s*\\)`, 'g'), statement: true },
  { kind: 'knex into', re: new RegExp(`\\.into\\s*\\(\\s*(['"\`])(${T})\\b`, 'g') },
  // Raw SQL in any string, any case.
  {
    kind: 'sql',
    re: new RegExp(`\\b(?:INSERT\\s+(?:OR\\s+\\w+\\s+)?INTO|REPLACE\\s+INTO|UPDATE(?:\\s+OR\\s+\\w+)?|DELETE\\s+FROM)\\s+(?:\\w+\\.)?["\`\\[]?(${T})\\b`, 'gi'),
  },
  // Bulk helpers named for inserting, given the table: insertRows(conn, 'orders (…)', …), new BulkInsert(conn, 'orders', …).
  { kind: 'bulk insert', re: new RegExp(`\\b\\w*[Ii]nsert\\w*\\s*\\([^)]*?(['"\`])(${T})\\b`, 'g') },
  // products.stock_on_hand is the sum of the stock movements: only the ledger moves it.
  { kind: 'stock_on_hand', re: /\bSET\s[^;'"`]*?\b(stock_on_hand)\s*=/gi },
  { kind: 'stock_on_hand', re: /\.\s*update\s*\(\s*\{[^}]*\b(stock_on_hand)\b/g },
  { kind: 'stock_on_hand', re: /\.\s*(?:increment|decrement)\s*\(\s*['"`](stock_on_hand)/g },
];

export interface Write {
  table: string;
  line: number;
  kind: string;
  at: number;
}

/** Every write to a guarded table (or to stock_on_hand) that the source text shows. */
export function writesIn(source: string): Write[] {
  const src = withoutComments(source);
  const out: Write[] = [];
  for (const p of PATTERNS)
    for (const m of src.matchAll(p.re)) {
      if (p.statement) {
        const end = src.indexOf(';', m.index);
        if (!KNEX_WRITE.test(src.slice(m.index, end < 0 ? undefined : end))) continue;
      }
      const table = m[2] ?? m[1];
      out.push({ table, kind: p.kind, at: m.index!, line: src.slice(0, m.index).split('\n').length });
    }
  return out;
}

/** The text of a top-level function (up to its closing brace at the start of a line). */
function functionSpan(src: string, name: string): { from: number; to: number } {
  const from = src.search(new RegExp(`function ${name}\\b`));
  expect(from, `function ${name}`).toBeGreaterThanOrEqual(0);
  return { from, to: src.indexOf('\n}', from) + 2 };
}

const sources = () =>
  fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => {
      const file = path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/');
      return { file, src: fs.readFileSync(path.join(root, file), 'utf8') };
    });

describe('only domain/ledger writes the order facts and their rollups', () => {
  it('no other module under src-main writes them', () => {
    const offenders: string[] = [];
    for (const { file, src } of sources()) {
      const exception = EXCEPTIONS.find((x) => x.file.test(file));
      for (const w of writesIn(src)) {
        if (exception && !exception.fn) continue;
        if (exception?.fn) {
          const span = functionSpan(src, exception.fn);
          if (w.at >= span.from && w.at < span.to) continue;
        }
        offenders.push(`${file}:${w.line} writes ${w.table} (${w.kind}); go through src-main/domain/ledger`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('each bulk exception ends with a rollup rebuild (or the demo\'s equal rollups) in its own transaction', () => {
    const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
    const body = (f: string, fn: string) => {
      const src = read(f);
      const { from, to } = functionSpan(src, fn);
      return src.slice(from, to);
    };
    // The demo's load runs inside inBulkTransaction (generateDemo), so does restore's copyTables (replaceLiveData).
    // The demo knows every fact it writes and writes their rollups itself (DemoRollups, fed by the generator),
    // held to what a rebuild computes by tests/unit/demo.test.ts.
    expect(body('db/demo/generate.ts', 'load')).toMatch(/await rollups\.write\(conn\b/);
    expect(body('db/demo/generate.ts', 'generateDemo')).toMatch(/inBulkTransaction\(db, conn, async \(trx\) => \{\s*const loaded = await load\(/);
    expect(body('db/restore.ts', 'copyTables')).toMatch(/await rebuildRollupsOn\(conn\)/);
    expect(body('db/restore.ts', 'replaceLiveData')).toMatch(/inBulkTransaction\(db, conn, async \(trx\) => \{\s*const copied = await copyTables\(/);
    expect(body('domain/system/data.ts', 'wipeBusinessData')).toMatch(/db\.transaction\(async \(trx\) => \{[\s\S]*rebuildRollups\(trx\);\s*\}\);/);
  });

  it("a new product's initial stock, set in its INSERT for speed, comes with the ledger's matching movement", () => {
    const src = fs.readFileSync(path.join(root, 'domain/catalog/products.ts'), 'utf8');
    const { from, to } = functionSpan(src, 'insertProducts');
    expect(src.slice(from, to)).toMatch(/recordInitialStock\(ctx, stock, now\)/);
  });

  it('the detector sees knex, raw SQL and bulk writes, and ignores reads and comments', () => {
    const flagged = (src: string) => writesIn(src).map((w) => `${w.kind}:${w.table}`);
    expect(flagged(`await trx('orders').where({ id }).update({ status: 'shipped' });`)).toEqual(['knex:orders']);
    expect(flagged(`await db('order_lines as l').where('l.id', id).del();`)).toEqual(['knex:order_lines']);
    expect(flagged(`await knex.table('after_sales').insert(row);`)).toEqual(['knex:after_sales']);
    expect(flagged(`await db.insert(row).into('stock_movements');`)).toEqual(['knex into:stock_movements']);
    expect(flagged('conn.exec(`DELETE FROM main.agent_day_stats`);')).toEqual(['sql:agent_day_stats']);
    expect(flagged(`db.raw("insert or replace into sellthrough_reports (id) values (?)")`)).toEqual(['sql:sellthrough_reports']);
    expect(flagged(`db.raw('REPLACE INTO rollup_changes (agent_id) VALUES (?)')`)).toEqual(['sql:rollup_changes']);
    expect(flagged(`prepare('UPDATE order_events SET note = ? WHERE id = ?')`)).toEqual(['sql:order_events']);
    expect(flagged(`insertRows(conn, 'stock_movements (id, product_id)', '(?, ?)', 2, 100, params);`)).toEqual(['bulk insert:stock_movements']);
    expect(flagged(`prepare('UPDATE products SET stock_on_hand = ? WHERE id = ?')`)).toEqual(['stock_on_hand:stock_on_hand']);
    expect(flagged(`await db('products').where({ id }).update({ name, stock_on_hand: 3 });`)).toEqual(['stock_on_hand:stock_on_hand']);
    // Reads, other tables and comments are no writes.
    expect(flagged(`const o = await trx('orders').where({ id }).first();`)).toEqual([]);
    expect(flagged(`await db('orders_archive').insert(row); await db('products').update({ name });`)).toEqual([]);
    expect(flagged(`const n = db('orders as o').join('order_lines as l', 'l.order_id', 'o.id').count();`)).toEqual([]);
    expect(flagged(`// UPDATE orders SET x = 1\n/* DELETE FROM order_lines */ const x = 'SELECT * FROM orders WHERE stock_on_hand = 0';`)).toEqual([]);
  });

  it('finds the writes the exceptions do make (the guard would catch them elsewhere)', () => {
    const all = new Map(sources().map((s) => [s.file, writesIn(s.src).map((w) => w.table)]));
    expect(all.get('db/demo/catalog.ts')).toEqual(expect.arrayContaining(['stock_movements', 'stock_on_hand']));
    expect(all.get('db/demo/orders.ts')).toEqual(expect.arrayContaining(['orders', 'order_lines', 'after_sales', 'sellthrough_reports']));
    expect(all.get('db/migrations/20261202090000_analytics_rollups.ts')).toContain('orders');
    for (const f of ['domain/ledger/orders.ts', 'domain/ledger/stock.ts', 'domain/ledger/afterSales.ts', 'domain/ledger/rollupDeltas.ts', 'domain/ledger/rebuild.ts'])
      expect(all.get(f)?.length, f).toBeGreaterThan(0);
  });
});
