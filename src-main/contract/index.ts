// The one API contract. Adapters (IPC, HTTP, CLI) and the renderer's typed client all derive from it.
import type { z } from 'zod';
import { catalogMethods } from './catalog';
import { agentsMethods } from './agents';
import { ordersMethods } from './orders';
import { reportExportMethods, reportsMethods } from './reports';
import { systemMethods } from './system';
import { auditMethods } from './audit';
import { accountsMethods } from './accounts';
import { privacyMethods } from './privacy';
import { ledgerMethods } from './ledger';
import { analyticsMethods } from './analytics';
import { reportSetupsMethods } from './reportSetups';

export const contract = {
  ...systemMethods,
  ...catalogMethods,
  ...agentsMethods,
  ...ordersMethods,
  ...reportsMethods,
  ...reportExportMethods,
  ...auditMethods,
  ...accountsMethods,
  ...privacyMethods,
  ...ledgerMethods,
  ...analyticsMethods,
  ...reportSetupsMethods,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (defaults optional). */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives after validation (defaults filled). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];
export const isMethodName = (s: string): s is MethodName => Object.prototype.hasOwnProperty.call(contract, s);

export * from './errors';
export * from './fieldIssues';
export * from './events';
export * from './permissions';
export * from './common';
export * from './catalog';
export * from './agents';
export * from './orders';
export * from './reports';
export * from './system';
export * from './audit';
export * from './accounts';
export * from './privacy';
export * from './imports';
export * from './ledger';
export * from './analytics';
export * from './metrics';
export * from './periods';
export * from './rankingReport';
export * from './reportSetups';
export type { MethodDef } from './method';
