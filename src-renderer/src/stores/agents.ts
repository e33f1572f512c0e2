// Agents view state: the list query (filters, page, sort) kept across navigation, the staff accounts the
// customer-service filter and the assign dialog offer, and the agent page's period.
import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { DayPeriod, Input, StaffUser } from '@contract';
import { api } from '@/api/client';
import { listQuery, noNulls } from '@/hooks/useRemoteTable';
import { firstPageFetch } from '@/hooks/firstPage';
import type { PeriodChoice } from '@/hooks/usePeriod';

type ListInput = Input<'agents.list'>;
export type AgentQuery = Required<Omit<ListInput, 'status' | 'levelId' | 'csUserId' | 'province' | 'joinedIn' | 'orderedIn' | 'signal'>> & {
  status: NonNullable<ListInput['status']> | null;
  levelId: string | null;
  /** A staff member's id, 'none' (unassigned) or null (everybody's). */
  csUserId: NonNullable<ListInput['csUserId']> | null;
  province: string | null;
  /** Set by a click on the dashboard's counts (new / active agents of its period, dormant / churned at its end). */
  joinedIn: DayPeriod | null;
  orderedIn: DayPeriod | null;
  signal: NonNullable<ListInput['signal']> | null;
};

export const useAgentsStore = defineStore('agents', () => {
  const { query, reset } = listQuery<AgentQuery>({
    page: 1,
    pageSize: 50,
    sort: 'code',
    order: 'asc',
    search: '',
    status: null,
    levelId: null,
    csUserId: null,
    province: null,
    joinedIn: null,
    orderedIn: null,
    signal: null,
  });
  /** The agent page's period, kept while moving from one agent to the next. */
  const detail = reactive<{ preset: PeriodChoice; from: string; to: string }>({ preset: 'last-30-days', from: '', to: '' });
  /** Staff accounts (users.list needs accounts.manage); loaded when the agents screen opens. */
  const staff = ref<StaffUser[]>([]);
  async function loadStaff(): Promise<void> {
    staff.value = await api.users.list();
  }
  /** Open the list showing exactly one set the dashboard counted: only these filters, first page. */
  function showOnly(filters: Partial<Pick<AgentQuery, 'status' | 'province' | 'joinedIn' | 'orderedIn' | 'signal'>>) {
    reset();
    Object.assign(query, filters);
  }
  const fetchPage = firstPageFetch((q: AgentQuery) => api.agents.list(noNulls(q)));
  const startFirstPage = () => fetchPage.start({ ...query });
  return { query, invalidate: reset, staff, loadStaff, detail, showOnly, fetchPage, startFirstPage };
});
