// Agents view state: the list query (filters, page, sort) kept across navigation.
import { reactive } from 'vue';
import { defineStore } from 'pinia';
import type { Input } from '@contract';

type ListInput = Input<'agents.list'>;
export type AgentQuery = Required<Omit<ListInput, 'status' | 'levelId'>> & {
  status: NonNullable<ListInput['status']> | null;
  levelId: string | null;
};

export const useAgentsStore = defineStore('agents', () => {
  const query = reactive<AgentQuery>({
    page: 1,
    pageSize: 50,
    sort: 'code',
    order: 'asc',
    search: '',
    status: null,
    levelId: null,
  });
  const invalidate = () => Object.assign(query, { page: 1, search: '', status: null, levelId: null });
  return { query, invalidate };
});
