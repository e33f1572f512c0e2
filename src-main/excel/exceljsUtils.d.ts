// exceljs 4's own XML escaping (its cells' text and attributes go through it), not in its typings.
declare module 'exceljs/lib/utils/utils.js' {
  const utils: { xmlEncode(text: string): string };
  export default utils;
}
