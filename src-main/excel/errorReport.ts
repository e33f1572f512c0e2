import path from 'node:path';
import { ApiError, type ImportIssue, type ImportRowErrors } from '@contract';
import { addTableSheet, writeWorkbook, type ColumnSpec } from './tableSheet';
import { cellText } from './cells';
import type { Cell } from './sheetReader';

export interface BadRow {
  number: number;
  cells: Cell[];
  errors: string[];
}

export interface ErrorReportWriter {
  /** Writes one bad row to the file now (nothing is kept in memory). */
  add(row: BadRow): void;
  /** Closes the file; resolves with its name in the exports folder. */
  finish(): Promise<string>;
  /** Removes the file (the import failed for another reason). */
  discard(): Promise<void>;
}

/**
 * An import's error report in the exports folder, written as bad rows are found: each bad row as it was in
 * the file (every value as inert text, so nothing in it runs as a formula) with its row number and what is
 * wrong.
 */
export function openErrorReport(exportsDir: string, title: string, headers: string[], now = Date.now()): ErrorReportWriter {
  const columns: ColumnSpec[] = [
    { key: 'row', header: '行号', kind: 'int' },
    ...headers.map((h, i) => ({ key: `c${i}`, header: h || `第${i + 1}列`, kind: 'text' as const, samples: [h] })),
    { key: 'errors', header: '错误说明', kind: 'text', samples: ['0'.repeat(50)] },
  ];
  let sheet: ReturnType<typeof addTableSheet> | undefined;
  let rows = 0;
  let close!: (rows: number) => void;
  let fail!: (e: Error) => void;
  // writeWorkbook runs `fill` at once and keeps the file open until the promise it returns settles.
  const written = writeWorkbook(
    path.join(exportsDir, `${title}_${now.toString(36)}.xlsx`),
    (wb) =>
      new Promise<number>((resolve, reject) => {
        sheet = addTableSheet(wb, '错误', columns);
        close = resolve;
        fail = reject;
      }),
  );
  written.catch(() => undefined); // awaited by finish or discard
  return {
    add(r) {
      const values: Record<string, string | number | null> = { row: r.number, errors: r.errors.join('；') };
      headers.forEach((_h, i) => (values[`c${i}`] = cellText(r.cells[i] ?? null)));
      sheet!.add(values);
      rows++;
    },
    async finish() {
      sheet!.commit();
      close(rows);
      return (await written).fileName;
    },
    async discard() {
      fail(new Error('discarded'));
      await written.catch(() => undefined);
    },
  };
}

/** The whole report at once (see openErrorReport). Returns the file name. */
export async function writeErrorReport(exportsDir: string, title: string, headers: string[], rows: BadRow[], now = Date.now()): Promise<string> {
  const report = openErrorReport(exportsDir, title, headers, now);
  for (const r of rows) report.add(r);
  return report.finish();
}

/** How many issues travel in the reply; the error report has all of them. */
export const MAX_ISSUES_IN_REPLY = 200;

/**
 * The bad rows of an import as they are found: the first issues for the reply, counts, and the report file
 * (opened at the first bad row). Memory stays flat however many rows are bad.
 */
export class ImportErrors {
  private report: ErrorReportWriter | null = null;
  private readonly shown: ImportIssue[] = [];
  private issueCount = 0;
  private rows = 0;

  constructor(private readonly where: { exportsDir: string; title: string; headers: string[]; now: number }) {}

  get any(): boolean {
    return this.rows > 0;
  }

  add(number: number, cells: Cell[], issues: ImportIssue[]): void {
    this.report ??= openErrorReport(this.where.exportsDir, this.where.title, this.where.headers, this.where.now);
    this.report.add({ number, cells, errors: issues.map((i) => `${i.column}：${i.message}`) });
    for (const i of issues) if (this.shown.length < MAX_ISSUES_IN_REPLY) this.shown.push(i);
    this.issueCount += issues.length;
    this.rows++;
  }

  /** IMPORT_ROW_INVALID with the report file (closed here) and the first issues. */
  async refusal(): Promise<ApiError> {
    const reportFile = await this.report!.finish();
    const first = this.shown[0];
    const details: ImportRowErrors = { issues: this.shown, issueCount: this.issueCount, invalidRows: this.rows, reportFile };
    return new ApiError(
      'IMPORT_ROW_INVALID',
      `${this.rows} rows have errors (first: row ${first.row}, ${first.column}: ${first.message}); nothing was imported. Fix them and import again; the error report lists every one.`,
      details,
    );
  }

  /** Removes the report (the import failed for another reason: damage, a limit, a cancel). */
  async discard(): Promise<void> {
    await this.report?.discard();
    this.report = null;
  }
}
