import type { z } from 'zod';
import type { Permission } from './permissions';
import type { ErrorCode } from './errors';

/** One API method: what it takes, what it gives, who may call it, and how it can fail. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** 'public': no sign-in needed (sign-in itself); 'signedIn': any signed-in user; else this permission. */
  permission: Permission | 'public' | 'signedIn';
  /** Error codes this method may return besides VALIDATION_FAILED, FORBIDDEN and INTERNAL. */
  errors: readonly ErrorCode[];
  /** Long job: the input carries a jobId and the method emits progress events for it. */
  job?: boolean;
  /** Input carries an uploaded file (`file`: importFile); web mode raises its body limit to the import size limit for it. */
  upload?: boolean;
  summary: string;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>) => def;
