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
  /**
   * Writes: the router runs the handler inside one transaction and hands it a context (transaction, actor,
   * scope, time zone, clock), so the write and its audit entry commit together, and a failed call (its output
   * check included) changes nothing.
   */
  mutates?: true;
  /**
   * Writes, but commits on its own, for the reason given (a bulk job whose connection settings cannot change
   * inside a transaction, sign-in's failed attempts that must stay recorded…); its audit entry still goes into
   * its own transaction. tests/unit/writes.test.ts fails for a method that writes with neither this nor `mutates`.
   */
  ownTransaction?: string;
  summary: string;
}

/** Marks a mutating method in the type too, so its handler is typed to take the write context. */
export function method<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O> & { mutates: true }): MethodDef<I, O> & { mutates: true };
export function method<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O>;
export function method(def: MethodDef): MethodDef {
  return def;
}
