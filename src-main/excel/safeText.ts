/**
 * Text that a spreadsheet could take for a formula (= + - @, or a leading tab/CR that some apps strip)
 * gets a leading apostrophe, so it stays inert when a user edits the cell or saves it as CSV (OWASP
 * "CSV injection").
 */
export function inertText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
