import { z } from 'zod';
import { id } from './common';
import { method } from './method';

// Personal data on demand (PIPL): callers without pii.view see masked values; revealing one is audited.

/** Where a masked value lives: an agent's own name/phone/WeChat ID, or an order's receiver name/phone/street address. */
export const revealTarget = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('agent'), id, field: z.enum(['name', 'phone', 'wechat']) }),
  z.object({ entity: z.literal('order'), id, field: z.enum(['name', 'phone', 'address']) }),
]);
export type RevealTarget = z.infer<typeof revealTarget>;

export const privacyMethods = {
  'pii.reveal': method({
    summary: 'Show one masked personal value in full (an agent’s or a receiver’s name, phone or address); writes a reveal audit entry',
    input: revealTarget,
    output: z.object({ value: z.string() }),
    permission: 'pii.reveal',
    errors: ['NOT_FOUND'],
    mutates: true,
  }),
};
