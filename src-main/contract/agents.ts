import { z } from 'zod';
import { day, id, pageOf, paging, period, trimmed } from './common';
import { method } from './method';
import { piiString } from './pii';

export const agentStatus = z.enum(['lead', 'onboarding', 'active', 'dormant', 'churned', 'blocked']);
export type AgentStatus = z.infer<typeof agentStatus>;

export const agentSchema = z.object({
  id,
  code: z.string(),
  name: piiString('name'),
  /** Often the mobile number itself: personal data like the phone. */
  wechatId: piiString('wechat'),
  phone: piiString('phone'),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  levelId: z.string(),
  levelName: z.string(),
  status: agentStatus,
  sourceChannel: z.string(),
  /** The referring agent; null also when the referrer lies outside the caller's data scope. */
  referrerId: z.string().nullable(),
  referrerName: piiString('name').nullable(),
  verified: z.boolean(),
  tags: z.array(z.string()),
  joinedAt: z.number().int(),
  /** The customer-service staff member the agent is assigned to (null: nobody). */
  csUserId: z.string().nullable(),
  csName: z.string().nullable(),
});
export type Agent = z.infer<typeof agentSchema>;

export const agentSortKeys = z.enum(['code', 'name', 'joinedAt', 'status', 'level']);

export const agentsMethods = {
  'agents.list': method({
    summary: 'Agents, paged and sorted; filter by status, level, staff, province, joined or ordered in a period, dormant or churned; search by name, pinyin initials, WeChat ID, code or mobile tail. Without pii.view: whole name, surname, whole WeChat ID, whole mobile or its last 4 digits, code prefix; no sort by name',
    input: z.object({
      ...paging,
      sort: agentSortKeys.default('code'),
      search: trimmed(50).default(''),
      status: agentStatus.optional(),
      levelId: id.optional(),
      /** Agents assigned to this staff member; 'none': not assigned to anybody. */
      csUserId: z.union([id, z.literal('none')]).optional(),
      /** Agents of one province (full name as stored, e.g. 广东省): a dashboard province bar lists them. */
      province: z.string().trim().min(1).max(20).optional(),
      /** Agents who joined in [from, to) (local days): the dashboard's new agents. */
      joinedIn: period.optional(),
      /** Agents with a counted order (not cancelled) placed in [from, to): the dashboard's active agents. */
      orderedIn: period.optional(),
      /** Agents dormant (沉睡) or churned (流失) as of the end of [from, to), or new in it and converted (first order within 14 days): as the dashboard counts them. */
      signal: z.object({ kind: z.enum(['dormant', 'churned', 'converted']), from: day, to: day }).and(period).optional(),
    }),
    output: pageOf(agentSchema),
    permission: 'agents.view',
    errors: [],
  }),
  'agents.assign': method({
    summary: 'Assign agents to a customer-service staff member (null: unassign); limits what scoped staff see',
    input: z.object({ agentIds: z.array(id).min(1, 'agentIds: choose at least one agent').max(5_000), csUserId: id.nullable() }),
    output: z.object({ updated: z.number().int() }),
    permission: 'accounts.manage',
    errors: ['NOT_FOUND'],
    mutates: true,
  }),
};
