import type { z } from 'zod';
import { ApiError, fieldIssueOf, validationFailed } from '@contract';

/** The input parsed by its contract schema, or VALIDATION_FAILED naming every bad field (as the router does). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw validationFailed(r.error.issues.map((i) => fieldIssueOf(i, input)));
}

/** A limit of the facts broken by one field (more returned than ordered…): VALIDATION_FAILED at that field. */
export const overLimit = (path: string, message: string, limit: Record<string, number>) => validationFailed([{ path, code: 'overLimit', message }], { limit });

/** NOT_FOUND naming what is missing and the field that named it. */
export const notFound = (what: string, id: string, path: string) => new ApiError('NOT_FOUND', `${what} ${id} does not exist (${path})`, { path, id });
