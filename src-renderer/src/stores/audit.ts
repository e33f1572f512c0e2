// Audit log view state: the list query kept across navigation.
import { defineStore } from 'pinia';
import type { Input } from '@contract';
import { listQuery } from '@/hooks/useRemoteTable';

type ListInput = Input<'audit.list'>;
/** `search` is the search box: the API's login prefix. */
export type AuditQuery = Required<Pick<ListInput, 'page' | 'pageSize'>> & { action: NonNullable<ListInput['action']> | null; search: string };

export const useAuditStore = defineStore('audit', () => {
  const { query, reset } = listQuery<AuditQuery>({ page: 1, pageSize: 50, search: '', action: null });
  return { query, invalidate: reset };
});
