// Agents view state: the list query (filters, page, sort) kept across navigation.
import { defineStore } from 'pinia';
import type { Input } from '@contract';
import { listQuery } from '@/hooks/useRemoteTable';

type ListInput = Input<'agents.list'>;
export type AgentQuery = Required<Omit<ListInput, 'status' | 'levelId'>> & {
  status: NonNullable<ListInput['status']> | null;
  levelId: string | null;
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
  });
  return { query, invalidate: reset };
});
