import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handXlsx, sheetXml, type HandCell } from '../fixtures/handmadeXlsx';
import { readAllRows, readSheet, sheetReaderStats, WORKER_MIN_BYTES, type ReadSheetOptions } from '../../src-main/excel/sheetReader';
import { sheetWorkerEntry } from '../../src-main/excel/workerPath';
import config from '../../electron.vite.config';

// Workbooks above WORKER_MIN_BYTES are parsed in a worker thread: the same rows, the same refusals, and a
// cancel that stops it. (Smaller files, most other tests, stay on the in-process path.)

const limits: ReadSheetOptions['limits'] = { maxRows: 100_000, maxColumns: 50, maxUnzippedBytes: 200 * 1024 * 1024 };
const ROWS = 12_000;

// Pseudo-random texts so the zip does not shrink below the worker threshold.
let seed = 42;
const noise = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed.toString(36);
};
const STRINGS = ['食品', '美妆个护', '家居'];
const rows: HandCell[][] = [
  ['SKU编码', '商品名称', '类目', '建议零售价（元）', '备注'],
  ...Array.from({ length: ROWS }, (_, i) => [`W-${i}`, `商品 ${noise()}${noise()}`, { t: 's', xml: `<v>${i % 3}</v>` }, 50 + (i % 200), `${noise()}${noise()}${noise()}`]),
];
const xml = sheetXml(rows);
const big = handXlsx({ sheets: [{ name: '商品', xml }], sharedStrings: STRINGS });

async function outcome(p: Promise<unknown>) {
  try {
    await p;
    return null;
  } catch (e) {
    const err = e as Error & { code?: string; details?: unknown };
    return { name: err.name, code: err.code, message: err.message, details: err.details, cls: err.constructor.name };
  }
}

describe('reading a large workbook in a worker thread', () => {
  it('gives the same rows as the in-process reader', async () => {
    expect(big.length).toBeGreaterThan(WORKER_MIN_BYTES);
    const before = sheetReaderStats.workers;
    const viaWorker = await readAllRows(big, { limits });
    expect(sheetReaderStats.workers).toBe(before + 1);
    const inProcess = await readAllRows(big, { limits, inProcess: true });
    expect(sheetReaderStats.workers).toBe(before + 1);
    expect(viaWorker.length).toBe(ROWS + 1);
    expect(viaWorker).toEqual(inProcess);
    expect(viaWorker[5]).toMatchObject({ number: 6, cells: ['W-4', expect.any(String), '美妆个护', 54, expect.any(String)] });
  });

  it('refuses a truncated sheet from inside the worker exactly as in-process', async () => {
    const cut = handXlsx({ sheets: [{ name: '商品', xml: xml.slice(0, Math.floor(xml.length * 0.6)) }], sharedStrings: STRINGS });
    expect(cut.length).toBeGreaterThan(WORKER_MIN_BYTES);
    const before = sheetReaderStats.workers;
    const viaWorker = await outcome(readAllRows(cut, { limits }));
    expect(sheetReaderStats.workers).toBe(before + 1);
    expect(viaWorker).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'damaged' } });
    expect(viaWorker).toEqual(await outcome(readAllRows(cut, { limits, inProcess: true })));
  });

  it('keeps the limits: too many rows is the same refusal', async () => {
    const tight = { ...limits, maxRows: 1000, maxColumns: 5 };
    expect(await outcome(readAllRows(big, { limits: tight }))).toEqual(await outcome(readAllRows(big, { limits: tight, inProcess: true })));
    expect(await outcome(readAllRows(big, { limits: tight }))).toMatchObject({ code: 'IMPORT_TOO_LARGE' });
  });

  it('stops on cancel: the job signal ends the read with an AbortError', async () => {
    const ac = new AbortController();
    let n = 0;
    const read = (async () => {
      for await (const _row of readSheet(big, { limits, job: { signal: ac.signal } })) if (++n === 1500) ac.abort();
    })();
    expect(await outcome(read)).toMatchObject({ name: 'AbortError' });
    expect(n).toBeLessThan(ROWS);
  });

  it('stops the worker when the consumer stops early', async () => {
    let n = 0;
    for await (const _row of readSheet(big, { limits })) if (++n === 10) break;
    expect(n).toBe(10);
  });
});

describe('loading the worker', () => {
  it('is a main-build input, so out/main/sheetWorker.js sits beside index.js and cli.js', () => {
    const input = (config as { main: { build: { rollupOptions: { input: Record<string, string> } } } }).main.build.rollupOptions.input;
    expect(Object.keys(input)).toEqual(expect.arrayContaining(['index', 'cli', 'sheetWorker']));
    expect(input.sheetWorker.replace(/\\/g, '/')).toMatch(/src-main\/excel\/sheetWorker\.ts$/);
  });

  it('from source runs sheetWorker.ts through tsx', () => {
    const entry = sheetWorkerEntry();
    expect(entry.file).toMatch(/sheetWorker\.ts$/);
    expect(fs.existsSync(entry.file)).toBe(true);
    expect(entry).toMatchObject({ eval: true, script: expect.stringContaining('tsx') });
  });
});
