import type { ErrorCode } from '@contract';

/** HTTP status for an error code; the body is always the envelope, the status helps tools and logs. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  IMPORT_ROW_INVALID: 400,
  IMPORT_TOO_LARGE: 413,
  IMPORT_FILE_INVALID: 415,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  LOCKED: 429,
  RATE_LIMITED: 429,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  STOCK_INSUFFICIENT: 409,
  CANCELLED: 409,
  UNSUPPORTED: 501,
  INTERNAL: 500,
};
