/** Characters Excel refuses in a sheet name (besides '*'). */
const FORBIDDEN = /[\\/?[\]:]/g;
export const MAX_SHEET_NAME = 31;

/**
 * Sheet names for a workbook: Excel's forbidden characters replaced, no leading or trailing apostrophe, at most
 * 31 characters, and unique as Excel compares them (case-insensitively): a repeat gets " (2)", " (3)"… within
 * the limit. 'History' is reserved by Excel.
 */
export class SheetNames {
  private readonly used = new Set<string>(['history']);

  take(wanted: string): string {
    // A masked name (张**) keeps its look: '*' becomes the full-width '＊'.
    let base = [...wanted.replace(/\*/g, '＊').replace(FORBIDDEN, '_').replace(/^'+|'+$/g, '').trim()].slice(0, MAX_SHEET_NAME).join('') || 'Sheet';
    base = base.replace(/^'+|'+$/g, '') || 'Sheet';
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = [...base].slice(0, MAX_SHEET_NAME - suffix.length).join('') + suffix;
    }
    this.used.add(name.toLowerCase());
    return name;
  }
}
