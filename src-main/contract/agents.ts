import { z } from 'zod';
import { id, pageOf, paging, trimmed } from './common';
import { method } from './method';
import { piiString } from './pii';

export const agentStatus = z.enum(['lead', 'onboarding', 'active', 'dormant', 'churned', 'blocked']);
export type AgentStatus = z.infer<typeof agentStatus>;

export const agentSchema = z.object({
  id,
  code: z.string(),
  name: piiString('name'),
  wechatId: z.string(),
  phone: piiString('phone'),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  levelId: z.string(),
  levelName: z.string(),
  status: agentStatus,
  sourceChannel: z.string(),
  referrerId: z.string().nullable(),
  referrerName: piiString('name').nullable(),
  verified: z.boolean(),
  tags: z.array(z.string()),
  joinedAt: z.number().int(),
});
export type Agent = z.infer<typeof agentSchema>;

export const agentSortKeys = z.enum(['code', 'name', 'joinedAt', 'status', 'level']);

export const agentsMethods = {
  'agents.list': method({
    summary: 'Agents, paged and sorted; search by name, pinyin initials, WeChat ID, code or mobile tail',
    input: z.object({
      ...paging,
      sort: agentSortKeys.default('code'),
      search: trimmed(50).default(''),
      status: agentStatus.optional(),
      levelId: id.optional(),
    }),
    output: pageOf(agentSchema),
    permission: 'agents.view',
    errors: [],
  }),
};
