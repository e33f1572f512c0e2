// What every Excel import shares: the uploaded file, its refusals, the row issues and the result.
// The limits themselves are settings (settings.get: importMax*).
import { z } from 'zod';

/**
 * An uploaded .xlsx or .csv as JSON (the same on IPC, HTTP and the CLI). The name is never a path: it names
 * the file in messages and tells a .csv apart (a zip or .xls is known by its bytes). The size is checked
 * against the import limit before the data is decoded; an empty file is refused as IMPORT_FILE_INVALID.
 */
export const importFile = z.object({
  name: z.string().trim().min(1).max(255),
  dataBase64: z.string(),
});
export type ImportFile = z.infer<typeof importFile>;

/** Which limit an IMPORT_TOO_LARGE names (details.limit); details.actual and details.max are in its unit. */
export type ImportLimitKind = 'fileMb' | 'unzippedMb' | 'ratio' | 'strings' | 'rows' | 'columns';
/** Why a file is not an importable workbook (IMPORT_FILE_INVALID details.reason). */
export type ImportFileProblem = 'empty' | 'notZip' | 'oldExcel' | 'notWorkbook' | 'damaged' | 'noSheet' | 'noRows';

/** Issue codes of a bad row or header; the renderer translates `importIssue.<code>` with the params. */
export const IMPORT_ISSUE_CODES = [
  'required',
  'money',
  'int',
  'choice',
  'skuFormat',
  'duplicate',
  'tooLong',
  'tooBig',
  'minAboveRetail',
  'agentAboveRetail',
  'missingColumn',
  'duplicateColumn',
  'unknownLevel',
  'costForbidden',
  'cellError',
  'invalid',
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

/** One problem at a row (1 = the header row) and column (its header as in the file). */
export interface ImportIssue {
  row: number;
  column: string;
  code: ImportIssueCode;
  params?: Record<string, string | number>;
  /** The same in Chinese, as written to the error report. */
  message: string;
}

/** IMPORT_ROW_INVALID details: nothing was written; the report lists every bad row with its errors. */
export interface ImportRowErrors {
  /** The first issues (all of them are in the report). */
  issues: ImportIssue[];
  issueCount: number;
  invalidRows: number;
  /** Error report in the exports folder (download like an export). */
  reportFile: string;
}

export const importResultSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Headers the import did not recognise and left alone. */
  ignoredColumns: z.array(z.string()),
});
export type ImportResult = z.infer<typeof importResultSchema>;

