import type ExcelJS from 'exceljs';
import { inertText } from './safeText';
import { cellValue, FORMATS, type ColumnKind, type ColumnSpec } from './tableSheet';
import { HEADER_STYLE } from './styles';
import { fitWidth } from './widths';
import { releaseSheet } from './releaseSheet';

type Cell = string | number | null;
export interface LabelledValue {
  label: string;
  value: Cell;
  kind?: ColumnKind;
}

/**
 * A sheet of sections one below the other (a title, labelled values, tables with their own styled header row),
 * streamed row by row like addTableSheet. Column widths are fitted once, before any row, from every table's
 * headers and samples by column position, and from the labels in column 1.
 */
export function addSectionSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, layout: { tables: ColumnSpec[][]; labels?: string[] }) {
  const ws = wb.addWorksheet(name);
  const n = Math.max(2, ...layout.tables.map((t) => t.length));
  ws.columns = Array.from({ length: n }, (_, i) => {
    const texts = layout.tables.flatMap((t) => (t[i] ? [t[i].header, ...(t[i].samples ?? [])] : []));
    return { width: fitWidth(i === 0 ? [...texts, ...(layout.labels ?? [])] : texts) };
  });
  const put = (values: Cell[], kinds: (ColumnKind | undefined)[]) => {
    const row = ws.addRow(values);
    kinds.forEach((k, i) => {
      const f = k && FORMATS[k];
      if (f) row.getCell(i + 1).numFmt = f;
    });
    return row;
  };
  return {
    /** A bold title line. */
    title(text: string, size = 12) {
      const row = ws.addRow([inertText(text)]);
      row.getCell(1).font = { bold: true, size };
      row.commit();
    },
    blank() {
      ws.addRow([]).commit();
    },
    /** Label in column 1 (bold), value in column 2. */
    values(rows: LabelledValue[]) {
      for (const r of rows) {
        const row = put([r.label, cellValue(r.kind ?? (typeof r.value === 'string' ? 'text' : 'int'), r.value)], [undefined, r.kind]);
        row.getCell(1).font = { bold: true };
        row.commit();
      }
    },
    /** A table: its header row now, then `add` for each row (missing keys stay empty). */
    table<K extends string>(columns: ColumnSpec<K>[]) {
      const header = ws.addRow(columns.map((c) => inertText(c.header)));
      header.eachCell((cell) => (cell.style = HEADER_STYLE));
      header.commit();
      const kinds = columns.map((c) => c.kind);
      return {
        add(values: Partial<Record<K, Cell>>) {
          put(columns.map((c) => (c.key in values ? cellValue(c.kind, values[c.key]) : null)), kinds).commit();
        },
      };
    },
    /** Done: committed, and the workbook keeps nothing of it but its name (releaseSheet). */
    commit: () => releaseSheet(wb, ws),
  };
}
