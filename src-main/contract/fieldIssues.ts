// Why an input field was refused (VALIDATION_FAILED details.issues), as a stable code with its limits, so
// the renderer translates it (i18n `fieldIssue.<code>`) instead of matching the server's English text.
import type { z } from 'zod';
import { ApiError } from './errors';

/** Refusals every field can have, read from zod's own issue (bounds are the schema's, e.g. fen for money). */
export const GENERIC_ISSUE_CODES = [
  'required', // missing, or an empty text / list where one is needed
  'tooSmall', // params.min (number, inclusive)
  'tooBig', // params.max (number, inclusive)
  'tooShort', // params.min characters
  'tooLong', // params.max characters
  'tooFew', // params.min items
  'tooMany', // params.max items
  'notInteger',
  'format', // not the shape the field needs
  'choice', // not one of the allowed values
  'invalid',
] as const;

/** Rules with their own wording, set by the schema (rule()) or by domain code. */
export const RULE_ISSUE_CODES = [
  'skuFormat',
  'loginFormat',
  'minAboveRetail',
  'agentAboveRetail',
  'periodOrder', // "to" is not after "from"
  'unknownLevel',
  'wrongPassword',
  'sortNeedsPii', // sorting by name would reveal masked names
  'inFuture', // a day or instant after today
  'overLimit', // more than the facts allow (returned > ordered, refund > paid…): the numbers are in the message
  'noLevelPrice', // a product without a price for the agent's level
  'onlyWhenShipping', // carrier / tracking number given other than when the order ships
] as const;

export const FIELD_ISSUE_CODES = [...GENERIC_ISSUE_CODES, ...RULE_ISSUE_CODES] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];
export type RuleIssueCode = (typeof RULE_ISSUE_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the field in the input (`prices.2.priceFen`); '' for the input as a whole. */
  path: string;
  code: FieldIssueCode;
  /** The limit a bound names: { min } or { max }. */
  params?: { min?: number; max?: number };
  /** The same in English, for logs and the command line. */
  message: string;
}

/** A refine()/addIssue() rule whose issue carries `code` (zod keeps `params` on custom issues). */
export const rule = (code: RuleIssueCode, message: string) => ({ message, params: { code } });

/** VALIDATION_FAILED naming the fields (its message: the first issue, for logs and the command line). */
export function validationFailed(issues: FieldIssue[], extra?: Record<string, unknown>): ApiError {
  const first = issues[0];
  return new ApiError('VALIDATION_FAILED', first ? `${first.path || 'input'}: ${first.message}` : 'invalid input', { ...extra, issues });
}

const isRule = (c: unknown): c is RuleIssueCode => RULE_ISSUE_CODES.includes(c as RuleIssueCode);

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v = input;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** One zod issue as a field issue; `input` (what was parsed) tells a missing value from a wrong one. */
export function fieldIssueOf(i: z.core.$ZodIssue, input?: unknown): FieldIssue {
  const base = { path: i.path.map(String).join('.'), message: i.message };
  const of = (code: FieldIssueCode, params?: FieldIssue['params']): FieldIssue => (params ? { ...base, code, params } : { ...base, code });
  switch (i.code) {
    case 'invalid_type': {
      const v = valueAt(input, i.path);
      if (v === undefined || v === null || v === '') return of('required');
      return of(i.expected === 'int' ? 'notInteger' : 'invalid');
    }
    case 'too_small': {
      const min = Number(i.minimum);
      if (i.origin === 'string') return min <= 1 ? of('required') : of('tooShort', { min });
      if (i.origin === 'array' || i.origin === 'set') return of('tooFew', { min });
      return of('tooSmall', { min });
    }
    case 'too_big': {
      const max = Number(i.maximum);
      if (i.origin === 'string') return of('tooLong', { max });
      if (i.origin === 'array' || i.origin === 'set') return of('tooMany', { max });
      return of('tooBig', { max });
    }
    case 'invalid_format':
      return of('format');
    case 'invalid_value':
      return of('choice');
    case 'custom':
      return of(isRule(i.params?.code) ? i.params.code : 'invalid');
    default:
      return of('invalid');
  }
}
