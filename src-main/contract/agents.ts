import { z } from 'zod';
import { id, pageOf, paging, trimmed } from './common';
import { method } from './method';

export const agentStatus = z.enum(['lead', 'onboarding', 'active', 'dormant', 'churned', 'blocked']);
export type AgentStatus = z.infer<typeof agentStatus>;

export const agentSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  wechatId: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  levelId: z.string(),
  levelName: z.string(),
  status: agentStatus,
  sourceChannel: z.string(),
  referrerId: z.string().nullable(),
  referrerName: z.string().nullable(),
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
