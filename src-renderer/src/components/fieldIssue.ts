// A server field issue in the user's language, by its code (never by the server's English text): the
// field's label and its limit go into `fieldIssue.<code>`; a money field's limit (fen) is shown in yuan.
import { FIELD_ISSUE_CODES, type FieldIssue } from '@contract';
import { formatCount, formatFen } from './money';

type T = (key: string, named?: Record<string, unknown>) => string;

/** How a form names one of its fields in a message. */
export interface IssueField {
  label: string;
  /** Its value is money: the limits are fen and read as ¥. */
  money?: boolean;
}

export function fieldIssueText(issue: FieldIssue, t: T, field?: IssueField): string {
  // A code this build does not know (a newer server): its own words are better than nothing.
  if (!FIELD_ISSUE_CODES.includes(issue.code)) return issue.message;
  const limit = (n: number | undefined) => (n === undefined ? '' : field?.money ? formatFen(n) : formatCount(n));
  return t(`fieldIssue.${issue.code}`, { field: field?.label ?? issue.path, min: limit(issue.params?.min), max: limit(issue.params?.max) });
}
