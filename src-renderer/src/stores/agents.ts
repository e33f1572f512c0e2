// Agents view state: the list query (filters, page, sort) kept across navigation, and the staff
// accounts the customer-service filter and the assign dialog offer.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Input, StaffUser } from '@contract';
import { api } from '@/api/client';
import { listQuery } from '@/hooks/useRemoteTable';

type ListInput = Input<'agents.list'>;
export type AgentQuery = Required<Omit<ListInput, 'status' | 'levelId' | 'csUserId'>> & {
  status: NonNullable<ListInput['status']> | null;
  levelId: string | null;
  /** A staff member's id, 'none' (unassigned) or null (everybody's). */
  csUserId: NonNullable<ListInput['csUserId']> | null;
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
  });
  /** Staff accounts (users.list needs accounts.manage); loaded when the agents screen opens. */
  const staff = ref<StaffUser[]>([]);
  async function loadStaff(): Promise<void> {
    staff.value = await api.users.list();
  }
  return { query, invalidate: reset, staff, loadStaff };
});
