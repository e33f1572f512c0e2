import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readAllRows, type Cell } from '../../src-main/excel/sheetReader';
import { serialToIso, shownBy } from '../../src-main/excel/xlsxReader';
import { handXlsx, sheetXml, storedFirst, workbookParts, zipOf, type HandWorkbook } from '../fixtures/handmadeXlsx';

// The shared reading layer on workbooks built part by part, each showing a defect of the exceljs streaming
// reader it replaced (zip order, hidden tabs, decoys, shared strings after the sheet, formats, phonetics).
const limits = { maxRows: 1000, maxColumns: 60, maxUnzippedBytes: 200 * 1024 * 1024 };
const read = async (buf: Buffer, preferredSheetNames?: string[]) => (await readAllRows(buf, { limits, preferredSheetNames })).map((r) => r.cells);
const refusal = async (buf: Buffer) => {
  try {
    await read(buf);
  } catch (e) {
    return e as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
};

const PRODUCTS = { name: '商品', rows: [['SKU编码', '商品名称'], ['A-1', '茶']] };
const NOTES = { name: '说明', rows: [['说明', '这张表不导入']] };

describe('which sheet is read', () => {
  it('reads the first tab of workbook.xml even when another sheet is stored first in the zip', async () => {
    const buf = handXlsx({ sheets: [PRODUCTS, NOTES] }, (p) => storedFirst(p, 'xl/worksheets/sheet2.xml'));
    expect(await read(buf)).toEqual([['SKU编码', '商品名称'], ['A-1', '茶']]);
  });

  it('of two visible product tabs reads the first tab, not the first stored', async () => {
    const second = { name: '商品2', rows: [['SKU编码', '商品名称'], ['B-2', '第二张']] };
    const buf = handXlsx({ sheets: [PRODUCTS, second] }, (p) => storedFirst(p, 'xl/worksheets/sheet2.xml'));
    expect((await read(buf))[1]).toEqual(['A-1', '茶']);
  });

  it('skips a hidden first tab', async () => {
    const hidden = { name: '旧数据', state: 'hidden' as const, rows: [['旧', '表']] };
    const veryHidden = { name: '宏', state: 'veryHidden' as const, rows: [['x']] };
    expect((await read(handXlsx({ sheets: [hidden, veryHidden, PRODUCTS] })))[0]).toEqual(['SKU编码', '商品名称']);
  });

  it('prefers the tab named as expected, wherever it is', async () => {
    const cover = { name: '封面', rows: [['2026 春季上新']] };
    expect((await read(handXlsx({ sheets: [cover, NOTES, PRODUCTS] }), ['商品']))[0]).toEqual(['SKU编码', '商品名称']);
    expect((await read(handXlsx({ sheets: [cover, PRODUCTS] }), ['不存在']))[0]).toEqual(['2026 春季上新']);
  });

  it('reads only parts the workbook references: a ../ decoy entry stored first is ignored, a target leaving the package is no tab', async () => {
    const parts = workbookParts({ sheets: [PRODUCTS] });
    const decoy = { name: '../xl/worksheets/sheet1.xml', data: sheetXml([['SKU编码', '商品名称'], ['EVIL', '诱饵']]) };
    const alsoDecoy = { name: 'xl/worksheets/sheet0.xml', data: sheetXml([['SKU编码'], ['EVIL-0']]) };
    expect(await read(zipOf([decoy, alsoDecoy, ...parts]))).toEqual([['SKU编码', '商品名称'], ['A-1', '茶']]);
    const escaping = handXlsx({ sheets: [{ ...PRODUCTS, target: '../../evil.xml' }] });
    expect(await refusal(escaping)).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'noSheet' } });
  });
});

describe('text', () => {
  it('resolves shared strings stored after the sheet (Mac Excel)', async () => {
    const sheet = { name: '商品', rows: [0, 1].map((r) => [0, 1].map((c) => ({ t: 's', xml: `<v>${r * 2 + c}</v>` }))) };
    const buf = handXlsx({ sheets: [sheet], sharedStrings: ['SKU编码', '商品名称', 'A-1', '高山红茶'] }, (p) => [...p.filter((x) => x.name !== 'xl/sharedStrings.xml'), p.find((x) => x.name === 'xl/sharedStrings.xml')!]);
    expect(await read(buf)).toEqual([['SKU编码', '商品名称'], ['A-1', '高山红茶']]);
  });

  it('drops phonetic guide runs (<rPh>) and keeps the text, in shared and inline strings', async () => {
    const rPh = '<rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1" type="noConversion"/>';
    const buf = handXlsx({
      sheets: [{ name: 's', rows: [[{ t: 's', xml: '<v>0</v>' }, { t: 'inlineStr', xml: `<is><r><t>大</t></r><r><t>阪</t></r>${rPh}</is>` }]] }],
      sharedStrings: [{ xml: `<t>東京</t>${rPh}` }],
    });
    expect(await read(buf)).toEqual([['東京', '大阪']]);
  });

  it('gives inline strings back exactly as typed: entities decoded once, OOXML _xHHHH_ escapes undone', async () => {
    const t = (xml: string) => ({ t: 'inlineStr', xml: `<is><t>${xml}</t></is>` });
    const buf = handXlsx({ sheets: [{ name: 's', rows: [[t('R&amp;D'), t('&amp;amp;'), t('&lt;b&gt; &quot;x&quot; &apos;'), t('&#x4E2D;&#25991;'), t('a_x000D_b'), t('_x005F_x0041_')]] }] });
    expect(await read(buf)).toEqual([['R&D', '&amp;', '<b> "x" \'', '中文', 'a\rb', '_x0041_']]);
    // What exceljs writes for the same text reads back the same.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['R&D', '&amp;', '<b>', 'Tom & Jerry']);
    expect(await read(Buffer.from(await wb.xlsx.writeBuffer()))).toEqual([['R&D', '&amp;', '<b>', 'Tom & Jerry']]);
  });
});

describe('cell fidelity', () => {
  const dates: HandWorkbook = {
    sheets: [],
    numFmts: '<numFmt numFmtId="164" formatCode="yyyy/mm/dd"/><numFmt numFmtId="165" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="166" formatCode="&quot;SKU&quot;0"/><numFmt numFmtId="167" formatCode="000000"/><numFmt numFmtId="168" formatCode="[Red]#,##0.00"/>',
    // s: 0 General, 1 id 14, 2 id 22, 3 custom yyyy/mm/dd, 4 Chinese 年月日, 5 "SKU"0 (not a date), 6 text @, 7 000000, 8 [Red] number, 9 id 46 ([h]:mm:ss), 10 id 45
    cellXfs: ['0', '14', '22', '164', '165', '166', '49', '167', '168', '46', '45'].map((id) => `<xf numFmtId="${id}" xfId="0"/>`).join(''),
  };
  const n = (v: number, s: number) => ({ s, xml: `<v>${v}</v>` });

  it('reads date cells by their number format in the 1900 system (built-in ids, custom formats)', async () => {
    const row = [n(45292, 1), n(45292.6041666667, 2), n(45351, 3), n(45351, 4), n(45351, 5), n(123, 6), n(45292, 0), n(45292, 8), n(1.5, 9), n(0.5, 10)];
    const [cells] = await read(handXlsx({ ...dates, sheets: [{ name: 's', rows: [row] }] }));
    expect(cells).toEqual([
      { date: '2024-01-01T00:00:00' },
      { date: '2024-01-01T14:30:00' },
      { date: '2024-02-29T00:00:00' },
      { date: '2024-02-29T00:00:00' },
      45351, // "SKU"0 shows a number with a prefix: quoted letters do not make a date
      '123', // text format
      45292,
      45292,
      { date: '1900-01-01T12:00:00' }, // [h]:mm:ss
      { date: '1899-12-31T12:00:00' }, // a time alone: Excel's day 0 is "1900-01-00"
    ]);
  });

  it('reads the 1904 date system', async () => {
    const [cells] = await read(handXlsx({ ...dates, date1904: true, sheets: [{ name: 's', rows: [[n(43830, 1), n(43830.75, 2)]] }] }));
    expect(cells).toEqual([{ date: '2024-01-01T00:00:00' }, { date: '2024-01-01T18:00:00' }]);
  });

  it('does the serial arithmetic around Excel\'s 1900-02-29', () => {
    expect(serialToIso(1, false)).toBe('1900-01-01T00:00:00');
    expect(serialToIso(59, false)).toBe('1900-02-28T00:00:00');
    expect(serialToIso(61, false)).toBe('1900-03-01T00:00:00');
    expect(serialToIso(0, true)).toBe('1904-01-01T00:00:00');
    expect(shownBy('yyyy/mm/dd')).toBe('date');
    expect(shownBy('h:mm AM/PM')).toBe('date');
    expect(shownBy('#,##0.00 "元"')).toBeNull();
    expect(shownBy('0.00E+00')).toBeNull();
    expect(shownBy('@')).toBe('text');
    expect(shownBy('00000')).toBe(5);
  });

  it('reads the built-in date ids 14–22 and 45–47 as dates', async () => {
    const ids = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47];
    const wb: HandWorkbook = { sheets: [{ name: 's', rows: [ids.map((_id, i) => n(45292.25, i))] }], cellXfs: ids.map((id) => `<xf numFmtId="${id}"/>`).join('') };
    const [cells] = await read(handXlsx(wb));
    expect(cells).toEqual(ids.map(() => ({ date: '2024-01-01T06:00:00' })));
  });

  it('keeps zero-padded codes and text-formatted numbers as text, reads booleans, errors and cached formula results', async () => {
    const row = [
      n(1234, 7), // 000000 → "001234"
      { t: 'b', xml: '<v>1</v>' },
      { t: 'b', xml: '<v>0</v>' },
      { t: 'e', xml: '<f>1/0</f><v>#DIV/0!</v>' },
      { t: 'e', xml: '<v>#N/A</v>' },
      { xml: '<f>SUM(1,2)</f><v>3</v>' },
      { t: 'str', xml: '<f>"A"&amp;"B"</f><v>AB</v>' },
      'TEL 00861',
    ];
    const [cells] = await read(handXlsx({ ...dates, sheets: [{ name: 's', rows: [row] }] }));
    expect(cells).toEqual<Cell[]>(['001234', true, false, { error: '#DIV/0!' }, { error: '#N/A' }, 3, 'AB', 'TEL 00861']);
  });

  it('reads what exceljs writes: dates, numbers, text, formulas', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow([new Date(Date.UTC(2026, 2, 1, 9, 30)), 12.5, '00123', { formula: '1+1', result: 2 }]);
    ws.getCell('A1').numFmt = 'yyyy-mm-dd hh:mm';
    expect(await read(Buffer.from(await wb.xlsx.writeBuffer()))).toEqual([[{ date: '2026-03-01T09:30:00' }, 12.5, '00123', 2]]);
  });
});

describe('damage and hostile zips', () => {
  it('refuses a truncated sheet (an unterminated document) instead of returning the rows before the cut', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`S-${i}`, `商品${i}`]);
    const xml = sheetXml(rows);
    const cut = xml.slice(0, Math.floor(xml.length / 2));
    const e = await refusal(handXlsx({ sheets: [{ name: '商品', xml: cut }] }));
    expect(e).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'damaged' } });
  });

  it('says a file is damaged without the XML parser\'s positions', async () => {
    const e = await refusal(handXlsx({ sheets: [{ name: '商品', xml: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</c></row></sheetData></worksheet>' }] }));
    expect(e).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'damaged' } });
    expect(e.message).toContain('xl/worksheets/sheet1.xml');
    expect(e.message).not.toMatch(/line|col|\d+:\d+|unclosed|mismatch/i);
  });

  it('refuses a sharedStrings.xml that only a local header carries, without inflating it', async () => {
    const parts = workbookParts({ sheets: [{ name: 's', rows: [[{ t: 's', xml: '<v>0</v>' }]] }] });
    const hidden = { name: 'xl/sharedStrings.xml', data: Buffer.alloc(64 * 1024 * 1024, ' '), localOnly: true };
    const buf = zipOf([hidden, ...parts]);
    const before = process.memoryUsage().arrayBuffers;
    const e = await refusal(buf);
    expect(e).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'damaged' } });
    expect(e.message).toContain('not list');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses a zip whose local header disagrees with the central directory (name, sizes)', async () => {
    const parts = workbookParts({ sheets: [PRODUCTS] });
    const renamed = parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, localName: 'xl/worksheets/sheetX.xml' } : p));
    expect(await refusal(zipOf(renamed))).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'damaged' } });
    const liar = parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, declaredSize: 10 } : p));
    expect(await refusal(zipOf(liar))).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'damaged' } });
    // Stored (uncompressed) parts, as some tools write them, are fine.
    expect(await read(zipOf(parts.map((p) => ({ ...p, stored: true }))))).toEqual([['SKU编码', '商品名称'], ['A-1', '茶']]);
  });

  it('bounds the shared-strings table by what a sheet within the limits can use', async () => {
    const small = { maxRows: 2, maxColumns: 2, maxUnzippedBytes: limits.maxUnzippedBytes };
    const buf = handXlsx({ sheets: [PRODUCTS], sharedStrings: Array.from({ length: 7 }, (_, i) => `s${i}`) });
    await expect(readAllRows(buf, { limits: small })).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'strings', max: 6 } });
  });
});
