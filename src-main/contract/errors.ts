// Stable error codes crossing every transport. The renderer translates them (i18n `errors.<CODE>`).
export const ERROR_CODES = [
  'VALIDATION_FAILED', // input did not match the method's schema; details.issues: FieldIssue[] (fieldIssues.ts)
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'UNAUTHENTICATED', // no valid session, or wrong login/password
  'LOCKED', // too many failed sign-ins; details.retryAfterMs
  'RATE_LIMITED', // too many sign-in attempts from this client or at once; details.retryAfterMs
  'FORBIDDEN',
  'CONFLICT', // unique key taken, or the row changed since it was read
  'INVALID_TRANSITION', // an order status change off the graph (cancel after shipping, back a step); details { from, to, allowed }
  'STOCK_INSUFFICIENT', // the write would take stock below zero (back-orders off); details { productId, sku, onHand, requested }
  'CANCELLED', // a long job was cancelled by the user
  'UNSUPPORTED', // the call makes no sense on this transport (e.g. a native dialog in web mode)
  'IMPORT_ROW_INVALID', // details.issues: [{ row, column, code, message }], details.reportFile: the error report
  'IMPORT_TOO_LARGE', // file size, unzipped size, rows or columns above a limit; details { limit, actual, max }
  'IMPORT_FILE_INVALID', // not an .xlsx workbook (or damaged); details.reason
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** One reply envelope on every transport. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/** Thrown by domain code; the router turns it into `{ ok: false, error }`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toBody(): ApiErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
