import type ExcelJS from 'exceljs';

/** Yuan with thousands separators; cells hold yuan (fen ÷ 100) so sums in Excel read naturally. */
export const YUAN_FORMAT = '"¥"#,##0.00';
export const INT_FORMAT = '#,##0';
/** Ratios are stored as fractions (0.25) and shown as 25.0 %. */
export const PERCENT_FORMAT = '0.0%';
export const DECIMAL_FORMAT = '#,##0.00';

export const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF2F6F4F' } },
  alignment: { vertical: 'middle', horizontal: 'center' },
  border: { bottom: { style: 'thin', color: { argb: 'FF999999' } } },
};

export const fenToYuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);

/** Bars from the column's smallest to its largest value, in the header's green: the figure a ranking is sorted by. */
export const DATA_BAR_RULE: ExcelJS.DataBarRuleType = {
  type: 'dataBar',
  priority: 1,
  gradient: true,
  cfvo: [{ type: 'min' }, { type: 'max' }],
  color: { argb: 'FF63BE7B' },
} as ExcelJS.DataBarRuleType;
