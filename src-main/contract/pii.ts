import { z } from 'zod';
import type { Permission } from './permissions';

// Result fields the router redacts by the caller's permissions: personal data (PIPL) and restricted figures.

/** Kinds of personal information a result field can carry; masked for callers without pii.view. */
export type PiiKind = 'name' | 'phone' | 'address' | 'wechat';

/** A string field holding personal information of an agent or an end customer. */
export const piiString = (kind: PiiKind) => z.string().meta({ pii: kind });

/** A field only callers with `permission` may see (others get null), e.g. cost price needs catalog.cost. */
export const restricted = <T extends z.ZodType>(schema: T, permission: Permission) => schema.meta({ requires: permission });

export function requiredPermissionOf(schema: z.ZodType): Permission | undefined {
  return (schema.meta() as { requires?: Permission } | undefined)?.requires;
}

export function piiKindOf(schema: z.ZodType): PiiKind | undefined {
  return (schema.meta() as { pii?: PiiKind } | undefined)?.pii;
}
