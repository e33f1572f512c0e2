import path from 'node:path';
import { addTableSheet, writeWorkbook, type ColumnSpec } from './tableSheet';
import { cellText } from './cells';
import type { Cell } from './sheetReader';

export interface BadRow {
  number: number;
  cells: Cell[];
  errors: string[];
}

/**
 * An import's error report in the exports folder: each bad row as it was in the file (every value as inert
 * text, so nothing in it runs as a formula) with its row number and what is wrong. Returns the file name.
 */
export async function writeErrorReport(exportsDir: string, title: string, headers: string[], rows: BadRow[], now = Date.now()): Promise<string> {
  const columns: ColumnSpec[] = [
    { key: 'row', header: '行号', kind: 'int' },
    ...headers.map((h, i) => ({ key: `c${i}`, header: h || `第${i + 1}列`, kind: 'text' as const, samples: [h] })),
    { key: 'errors', header: '错误说明', kind: 'text', samples: ['0'.repeat(50)] },
  ];
  const { fileName } = await writeWorkbook(path.join(exportsDir, `${title}_${now.toString(36)}.xlsx`), (wb) => {
    const sheet = addTableSheet(wb, '错误', columns);
    for (const r of rows) {
      const values: Record<string, string | number | null> = { row: r.number, errors: r.errors.join('；') };
      headers.forEach((_h, i) => (values[`c${i}`] = cellText(r.cells[i] ?? null)));
      sheet.add(values);
    }
    sheet.commit();
    return rows.length;
  });
  return fileName;
}
