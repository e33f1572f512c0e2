// Products from an .xlsx or .csv, matched by SKU, all or nothing: rows stream in, are checked in batches
// (all problems collected, with row, column and what to do) and written as they go inside ONE transaction,
// with price changes audited as an edit would. One bad row and the transaction rolls back: nothing is
// written, and the bad rows (streamed to the error report as they were found) are the answer. Memory stays
// flat as rows grow: only the SKUs seen so far and one batch are held.
import path from 'node:path';
import type { z } from 'zod';
import { ApiError, fieldIssueOf, IMPORT_ISSUE_CODES, productCreateInput, type ImportIssue, type ImportIssueCode, type ImportResult, type Level, type Product } from '@contract';
import { acceptProductCreate } from '@contract/productFastCheck';
import { withPageCache, type Db } from '../../db/open';
import { readSheet, type Cell, type SheetRow } from '../../excel/sheetReader';
import { cellText, choice, headerKey, isBlank, parseCell, wholeNumber, YES_NO, yuanToFen, type Parsed } from '../../excel/cells';
import { ImportErrors } from '../../excel/errorReport';
import { addKeyValueSheet, addTableSheet, writeWorkbook, type ColumnSpec } from '../../excel/tableSheet';
import type { ImportLimits } from '../../excel/importLimits';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../common/job';
import type { AuditEntry } from '../accounts/audit';
import { listLevels } from './levels';
import { insertProducts, productsBySku, updateProducts } from './products';
import { auditPriceChanges } from './priceAudit';
import { ChangeSet } from '../ledger/changes';
import { auditStockMoves, type StockContext } from '../ledger/stock';

type FieldKey =
  | 'sku'
  | 'name'
  | 'category'
  | 'spec'
  | 'usageText'
  | 'retailPriceFen'
  | 'minRetailPriceFen'
  | 'costFen'
  | 'weightG'
  | 'initialStock'
  | 'status'
  | 'returnPolicy7d';

interface FieldColumn {
  key: FieldKey;
  /** The template's header; `aliases` (Chinese variants and English) are accepted too. */
  header: string;
  aliases: string[];
  parse: (c: Cell) => Parsed<unknown>;
  kind: ColumnSpec['kind'];
  note: string;
}

const text = (c: Cell): Parsed<string> => ({ ok: true, value: cellText(c) });
const STATUS = { 上架: 'listed', 下架: 'unlisted', listed: 'listed', unlisted: 'unlisted' } as const;

const FIELDS: FieldColumn[] = [
  { key: 'sku', header: 'SKU编码', aliases: ['SKU', '商品编码', '编码', 'SKU code'], parse: text, kind: 'text', note: '必填。字母、数字、点、横线或下划线，1–40 个字符。表中已有的 SKU 更新该商品，新的 SKU 创建商品' },
  { key: 'name', header: '商品名称', aliases: ['名称', 'name', 'product name'], parse: text, kind: 'text', note: '新商品必填，最多 100 字' },
  { key: 'category', header: '类目', aliases: ['分类', 'category'], parse: text, kind: 'text', note: '新商品必填，最多 30 字' },
  { key: 'spec', header: '规格', aliases: ['spec', 'specification'], parse: text, kind: 'text', note: '如 500g/袋，最多 50 字' },
  { key: 'usageText', header: '食用/使用方法', aliases: ['食用方法', '使用方法', '用法', 'usage'], parse: text, kind: 'text', note: '最多 2000 字' },
  { key: 'retailPriceFen', header: '建议零售价（元）', aliases: ['建议零售价', '零售价', 'retail price', 'retail'], parse: yuanToFen, kind: 'yuan', note: '新商品必填。单位元，最多两位小数，如 99.90' },
  { key: 'minRetailPriceFen', header: '控价（元）', aliases: ['控价', '最低零售价', 'minimum retail price', 'min retail price'], parse: yuanToFen, kind: 'yuan', note: '最低零售价，新商品必填，不能高于建议零售价' },
  { key: 'costFen', header: '成本价（元）', aliases: ['成本价', '成本', 'cost', 'cost price'], parse: yuanToFen, kind: 'yuan', note: '只有能查看成本的账号可以导入此列' },
  { key: 'weightG', header: '重量（克）', aliases: ['重量', 'weight', 'weight g'], parse: wholeNumber, kind: 'int', note: '整数，单位克' },
  { key: 'initialStock', header: '初始库存', aliases: ['库存', 'stock', 'initial stock'], parse: wholeNumber, kind: 'int', note: '只用于新商品；已有商品的库存不会被改动' },
  { key: 'status', header: '上架状态', aliases: ['状态', 'status'], parse: (c) => choice(c, STATUS), kind: 'text', note: '上架 或 下架；新商品默认上架' },
  { key: 'returnPolicy7d', header: '7天无理由退货', aliases: ['7天无理由', '7-day returns', 'return policy'], parse: (c) => choice(c, YES_NO), kind: 'text', note: '是 或 否；新商品默认是' },
];
const LEVEL_PREFIXES = ['代理价', 'agentprice', 'price'].map(headerKey);
const levelHeader = (l: Level) => `代理价-${l.name}`;

/** Chinese text of each issue, as the error report shows it (the renderer translates the code). */
const MESSAGES: Record<ImportIssueCode, (p: Record<string, string | number>) => string> = {
  required: () => '不能为空：新商品必须填写此项',
  money: () => '不是有效金额：请填写元，最多两位小数，如 12.50',
  int: () => '请填写不小于 0 的整数',
  choice: (p) => `请填写 ${p.options}`,
  skuFormat: () => 'SKU 只能用字母、数字、点、横线或下划线，1–40 个字符，以字母或数字开头',
  duplicate: (p) => `与第 ${p.row} 行的 SKU 重复：每个 SKU 只能出现一次，请合并或删掉一行`,
  tooLong: (p) => `太长：最多 ${p.max} 个字`,
  tooBig: (p) => `太大：最多 ${p.max}`,
  minAboveRetail: () => '控价高于建议零售价：请调低控价或调高零售价',
  agentAboveRetail: () => '代理价高于建议零售价：请调低代理价',
  missingColumn: (p) => `缺少「${p.column}」列：请使用导入模板`,
  duplicateColumn: () => '此列出现了两次：请删掉一列',
  unknownLevel: () => '没有这个代理等级：列名应为「代理价-等级名称」，如 代理价-体验代理',
  costForbidden: () => '您的账号不能查看成本，不能导入成本价：请删掉此列',
  cellError: (p) => `单元格显示错误 ${p.error}：请修正公式或改为填写值`,
  invalid: (p) => `无效：${p.detail}`,
};

const issue = (row: number, column: string, code: ImportIssueCode, params: Record<string, string | number> = {}): ImportIssue => ({
  row,
  column,
  code,
  ...(Object.keys(params).length ? { params } : {}),
  message: MESSAGES[code](params),
});

interface HeaderMap {
  headers: string[];
  fields: Map<number, FieldColumn>;
  levels: Map<number, Level>;
  ignored: string[];
  issues: ImportIssue[];
}

function mapHeader(row: SheetRow, levels: Level[], canCost: boolean): HeaderMap {
  const m: HeaderMap = { headers: row.cells.map(cellText), fields: new Map(), levels: new Map(), ignored: [], issues: [] };
  const seen = new Set<string>();
  m.headers.forEach((h, i) => {
    const k = headerKey(h);
    if (!k) return;
    const field = FIELDS.find((f) => [f.header, ...f.aliases].some((a) => headerKey(a) === k));
    const prefix = LEVEL_PREFIXES.find((p) => k.startsWith(p) && k.length > p.length);
    const level = prefix ? levels.find((l) => [l.name, l.code].some((x) => headerKey(x) === k.slice(prefix.length))) : undefined;
    const id = field ? field.key : level ? `level:${level.id}` : null;
    if (id && seen.has(id)) return void m.issues.push(issue(row.number, h, 'duplicateColumn'));
    if (id) seen.add(id);
    if (field?.key === 'costFen' && !canCost) m.issues.push(issue(row.number, h, 'costForbidden'));
    else if (field) m.fields.set(i, field);
    else if (level) m.levels.set(i, level);
    else if (prefix === LEVEL_PREFIXES[0]) m.issues.push(issue(row.number, h, 'unknownLevel'));
    else m.ignored.push(h);
  });
  if (!seen.has('sku')) m.issues.push(issue(row.number, FIELDS[0].header, 'missingColumn', { column: FIELDS[0].header }));
  return m;
}

type CreateInput = z.output<typeof productCreateInput>;
/** A data row as read: its parsed cells (by field and level) and the cell issues found so far. */
interface ReadRow {
  row: SheetRow;
  sku: string;
  given: Partial<Record<FieldKey, unknown>>;
  prices: Map<string, number>;
  issues: ImportIssue[];
}

function readRow(row: SheetRow, map: HeaderMap): ReadRow {
  const given: Partial<Record<FieldKey, unknown>> = {};
  const prices = new Map<string, number>();
  const issues: ImportIssue[] = [];
  const cells = row.cells;
  // A plain loop (no closure per row): this runs for every row of a 100,000-row import.
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const field = map.fields.get(i);
    const level = field ? undefined : map.levels.get(i);
    if ((!field && !level) || isBlank(c)) continue; // blank: keep the current value (or the default)
    const parsed = parseCell(c, field ? field.parse : yuanToFen);
    if (!parsed.ok) issues.push(issue(row.number, map.headers[i], parsed.code, parsed.params));
    else if (field) given[field.key] = parsed.value;
    else prices.set(level!.id, parsed.value as number);
  }
  return { row, sku: String(given.sku ?? ''), given, prices, issues };
}

/** The row's values over the current product (a blank cell keeps what is there; new products get defaults). */
function mergeRow(given: Partial<Record<FieldKey, unknown>>, prices: Map<string, number>, current: Product | undefined, levels: Level[]) {
  const ordered: { levelId: string; priceFen: number }[] = [];
  if (!current) {
    // A new product: its prices are the row's, in level order; everything else the schema defaults.
    for (const l of levels) {
      const fen = prices.get(l.id);
      if (fen !== undefined) ordered.push({ levelId: l.id, priceFen: fen });
    }
    // `given` belongs to this row alone (readRow made it): it becomes the input, without a copy.
    return Object.assign(given, { prices: ordered });
  }
  const priceOf = new Map(current.prices.map((p) => [p.levelId, p.priceFen]));
  for (const [id, fen] of prices) priceOf.set(id, fen);
  for (const l of levels) if (priceOf.has(l.id)) ordered.push({ levelId: l.id, priceFen: priceOf.get(l.id)! });
  const { initialStock: _stock, ...fields } = given;
  const { id: _i, stockOnHand: _s, createdAt: _c, updatedAt: _u, ...rest } = current;
  return { ...rest, ...fields, prices: ordered };
}

/** A zod issue of the product schema as an import issue at the column it came from. */
function issueOfZod(row: number, zi: z.core.$ZodIssue, input: unknown, columnOf: (key: string) => string, levelColumn: (i: number) => string): ImportIssue {
  const [head, index] = zi.path;
  const column = head === 'prices' ? levelColumn(Number(index)) : columnOf(String(head));
  // The editor's field issue (one reading of zod's issues), under the import's code where it has one.
  const f = fieldIssueOf(zi, input);
  const code = IMPORT_ISSUE_CODES.find((c) => c === f.code);
  return code ? issue(row, column, code, f.params) : issue(row, column, 'invalid', { detail: zi.message });
}

const SAME_FIELDS = ['name', 'category', 'spec', 'usageText', 'retailPriceFen', 'minRetailPriceFen', 'costFen', 'weightG', 'status', 'returnPolicy7d'] as const;
const samePrices = (a: Product['prices'], b: Product['prices']) =>
  JSON.stringify([...a].sort((x, y) => x.levelId.localeCompare(y.levelId))) === JSON.stringify([...b].sort((x, y) => x.levelId.localeCompare(y.levelId)));
const unchanged = (cur: Product, next: CreateInput) =>
  SAME_FIELDS.every((k) => cur[k] === next[k]) && JSON.stringify(cur.images) === JSON.stringify(next.images) && samePrices(cur.prices, next.prices);

export interface ImportProductsOptions {
  limits: Pick<ImportLimits, 'maxRows' | 'maxColumns' | 'maxUnzippedBytes'>;
  /** The upload's name (a .csv is read as CSV); without it the file must be a workbook. */
  fileName?: string;
  /** Whether the caller may see and set cost (catalog.cost); without it a cost column is refused. */
  canCost: boolean;
  actor: Pick<AuditEntry, 'userId' | 'userLogin'>;
  /** Gets the tables the import wrote, for the data.changed event after its commit. */
  changes?: ChangeSet;
  /** Where the error report goes. */
  exportsDir: string;
  now?: number;
}

export { MAX_ISSUES_IN_REPLY } from '../../excel/errorReport';

/** Rows checked and written together: one SKU lookup and a few multi-row inserts each. */
const BATCH = 500;
/** The tab read when a workbook has it (the template's); otherwise its first visible tab. */
const SHEET_NAMES = ['商品', 'products'];

/**
 * SQLite's page cache while importing: 8 MiB instead of the connection's 64 MiB. 100,000 products are about
 * 117 MB of pages, each written about once; the big cache only held them until commit (+65 MB RSS) and the
 * import measured no faster with it (bench/import.mts, docs/benchmarks.md). Restored after the import.
 */
const IMPORT_PAGE_CACHE_KIB = 8192;

/** Thrown inside the transaction to roll it back when a row was bad (the bad rows are the answer). */
class BadRows extends Error {}

export async function importProducts(db: Db, file: Buffer, opts: ImportProductsOptions, job: JobControl = {}): Promise<ImportResult> {
  const now = opts.now ?? Date.now();
  const levels = await listLevels(db);
  job.progress?.(0, 0, 'reading');
  const rows = readSheet(file, { limits: opts.limits, fileName: opts.fileName, preferredSheetNames: SHEET_NAMES, job });
  const result: ImportResult = { rows: 0, created: 0, updated: 0, unchanged: 0, ignoredColumns: [] };
  let errors: ImportErrors | null = null;
  try {
    // The page cache is cut during the write (see IMPORT_PAGE_CACHE_KIB).
    await db.transaction((trx) => withPageCache(trx, IMPORT_PAGE_CACHE_KIB, async () => {
      const ledger: StockContext = { trx, actor: opts.actor, now: () => now, changes: opts.changes ?? new ChangeSet() };
      const initialStock = { rows: 0, units: 0 };
      // 1. The header row names the columns.
      const first = await rows.next();
      if (first.done) throw new ApiError('INTERNAL', 'no header row'); // readSheet refuses a sheet without rows
      const map = mapHeader(first.value, levels, opts.canCost);
      result.ignoredColumns = map.ignored;
      const report = (errors = new ImportErrors({ exportsDir: opts.exportsDir, title: '商品导入错误报告', headers: map.headers, now }));
      if (map.issues.length) report.add(map.issues[0].row, map.headers, map.issues);
      // Without a SKU column no row can be matched: the header issue alone says what to do (rows are still counted).
      const checkRows = !map.issues.some((i) => i.code === 'missingColumn');
      const columnOf = (key: string) => {
        for (const [i, f] of map.fields) if (f.key === key) return map.headers[i];
        return FIELDS.find((f) => f.key === key)?.header ?? key;
      };
      const levelColumn = (merged: { prices: { levelId: string }[] }) => (i: number) => {
        const id = merged.prices[i]?.levelId;
        for (const [col, l] of map.levels) if (l.id === id) return map.headers[col];
        return levelHeader(levels.find((l) => l.id === id) ?? levels[0]);
      };
      const firstRowOf = new Map<string, number>(); // SKU → the row it first appeared on

      // 2. Each batch: checked against the current catalog with the editor's schema, then written while no row was bad.
      const flush = async (batch: ReadRow[]) => {
        const current = await productsBySku(trx, [...new Set(batch.map((r) => r.sku).filter((s) => s && !firstRowOf.has(s)))]);
        const good: { input: CreateInput; current: Product | undefined }[] = [];
        for (const r of batch) {
          const issues = r.issues; // this row's own list (readRow made it)
          const firstRow = r.sku ? firstRowOf.get(r.sku) : undefined;
          if (firstRow !== undefined) issues.push(issue(r.row.number, columnOf('sku'), 'duplicate', { row: firstRow }));
          else if (r.sku) firstRowOf.set(r.sku, r.row.number);
          const cur = firstRow === undefined ? current.get(r.sku) : undefined;
          const merged = mergeRow(r.given, r.prices, cur, levels);
          // A plainly valid row is decided without zod (same answer, a fraction of the cost); zod decides the rest.
          const sure = acceptProductCreate(merged);
          const parsed = sure ? ({ success: true, data: sure } as const) : productCreateInput.safeParse(merged);
          if (!parsed.success) {
            // A cell that did not parse already has its issue; the schema would only add "required" there.
            const flagged = new Set(issues.map((i) => i.column));
            for (const zi of parsed.error.issues) {
              const it = issueOfZod(r.row.number, zi, merged, columnOf, levelColumn(merged));
              if (!flagged.has(it.column)) issues.push(it);
            }
          }
          // A row the schema refused always has an issue here (its own, or one already at that cell).
          if (issues.length) report.add(r.row.number, r.row.cells, issues);
          else if (parsed.success) good.push({ input: parsed.data, current: cur });
        }
        if (report.any) return; // nothing will be kept: check the rest, write no more
        const created: CreateInput[] = [];
        const edited: { input: CreateInput; current: Product }[] = [];
        for (const g of good) {
          if (!g.current) created.push(opts.canCost ? g.input : { ...g.input, costFen: null });
          else if (unchanged(g.current, g.input)) result.unchanged++;
          else edited.push({ input: g.input, current: g.current });
        }
        await insertProducts(ledger, created, now);
        for (const c of created) {
          if (c.initialStock <= 0) continue;
          initialStock.rows++;
          initialStock.units += c.initialStock;
        }
        result.created += created.length;
        const after = await updateProducts(trx, edited, { keepCost: !opts.canCost }, now);
        await auditPriceChanges(trx, opts.actor, edited.map((e, i) => ({ before: e.current, after: after[i] })));
        if (edited.length) ledger.changes.touch(['products', 'product_prices']);
        result.updated += edited.length;
        result.rows += good.length;
        job.progress?.(result.rows, 0, 'writing');
        await yieldToLoop();
        throwIfCancelled(job.signal);
      };

      let batch: ReadRow[] = [];
      for await (const row of rows) {
        if (!checkRows) continue;
        batch.push(readRow(row, map));
        if (batch.length >= BATCH) {
          await flush(batch);
          batch = [];
        }
      }
      await flush(batch);
      if (report.any) throw new BadRows();
      throwIfCancelled(job.signal);
      // One audit entry for the initial stock of the whole import (the movements are one per product).
      if (initialStock.rows) await auditStockMoves(ledger, { causes: ['initial'], ...initialStock }, now);
    }));
  } catch (e) {
    if (e instanceof BadRows && errors) throw await (errors as ImportErrors).refusal();
    await (errors as ImportErrors | null)?.discard();
    throw e;
  } finally {
    await rows.return(undefined);
  }
  job.progress?.(result.rows, result.rows, 'done');
  return result;
}

/** The template: the product sheet (a column per agent level, cost only for who may set it), an example row, and 说明. */
export async function writeProductTemplate(db: Db, exportsDir: string, opts: { canCost: boolean; limits: ImportLimits; now?: number }) {
  const now = opts.now ?? Date.now();
  const levels = await listLevels(db);
  const fields = FIELDS.filter((f) => f.key !== 'costFen' || opts.canCost);
  const columns: ColumnSpec[] = [
    ...fields.map((f) => ({ key: f.key, header: f.header, kind: f.kind, samples: [f.header, '一二三四五六七八'] })),
    ...levels.map((l) => ({ key: `level:${l.id}`, header: levelHeader(l), kind: 'yuan' as const, samples: [levelHeader(l)] })),
  ];
  const retail = 9900;
  const example: Record<string, string | number | null> = {
    sku: 'TEA-001',
    name: '高山红茶',
    category: '食品',
    spec: '250g/罐',
    usageText: '85℃ 热水冲泡，每次 3 克',
    retailPriceFen: retail,
    minRetailPriceFen: 8990,
    costFen: 3000,
    weightG: 300,
    initialStock: 100,
    status: '上架',
    returnPolicy7d: '是',
  };
  levels.forEach((l, i) => (example[`level:${l.id}`] = Math.round((retail * (72 - 4 * i)) / 1000) * 10));
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  return writeWorkbook(path.join(exportsDir, `商品导入模板_${now.toString(36)}.xlsx`), (wb) => {
    const sheet = addTableSheet(wb, '商品', columns);
    sheet.add(example);
    sheet.commit();
    addKeyValueSheet(wb, '说明', [
      { label: '怎么用', value: '在「商品」表第 2 行起每行填一个商品（示例行可改写或删除），保存后在「商品」页点「导入」选择此文件。' },
      { label: '新增还是更新', value: '按 SKU 编码匹配：已有的 SKU 更新该商品，新的 SKU 创建商品。' },
      { label: '留空', value: '留空的单元格不修改已有商品的该项；新商品用默认值（必填项除外）。不需要的列可以删掉。' },
      { label: '全部或全不', value: '只要有一行有错，就一行都不导入，并给出错误报告（行号、列、原因）；改好后重新导入即可。' },
      { label: '金额', value: '单位元，最多两位小数，如 12.50；代理价和控价都不能高于建议零售价。' },
      ...fields.map((f) => ({ label: f.header, value: f.note })),
      ...levels.map((l) => ({ label: levelHeader(l), value: `${l.name}（${l.code}）的代理价，单位元；不填表示不修改（新商品：该等级暂不供货）` })),
      { label: '文件上限', value: `${mb(opts.limits.maxFileBytes)} MB，解压后 ${mb(opts.limits.maxUnzippedBytes)} MB，${opts.limits.maxRows} 行，${opts.limits.maxColumns} 列；更大的文件请拆分，或请管理员在「设置」中调高上限。` },
    ]);
    return 1;
  });
}
