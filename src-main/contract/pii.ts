import { z } from 'zod';

/** Kinds of personal information (PIPL) a result field can carry; the router masks them for callers without pii.view. */
export type PiiKind = 'name' | 'phone' | 'address';

/** A string field holding personal information of an agent or an end customer. */
export const piiString = (kind: PiiKind) => z.string().meta({ pii: kind });

export function piiKindOf(schema: z.ZodType): PiiKind | undefined {
  return (schema.meta() as { pii?: PiiKind } | undefined)?.pii;
}
