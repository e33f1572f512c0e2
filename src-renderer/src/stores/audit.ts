// Audit log view state: the list query kept across navigation, and its fetch.
import { defineStore } from 'pinia';
import type { Input } from '@contract';
import { api } from '@/api/client';
import { listQuery, noNulls } from '@/hooks/useRemoteTable';
import { firstPageFetch } from '@/hooks/firstPage';

type ListInput = Input<'audit.list'>;
/** `search` is the search box: the API's login prefix. */
export type AuditQuery = Required<Pick<ListInput, 'page' | 'pageSize'>> & { action: NonNullable<ListInput['action']> | null; search: string };

export const useAuditStore = defineStore('audit', () => {
  const { query, reset } = listQuery<AuditQuery>({ page: 1, pageSize: 50, search: '', action: null });
  /** The search box edits `search`; the API filters by login prefix. The export uses the same filters. */
  const filters = (q: AuditQuery) => ({ login: q.search, ...noNulls({ action: q.action }) });
  const fetchPage = firstPageFetch((q: AuditQuery) => api.audit.list({ page: q.page, pageSize: q.pageSize, ...filters(q) }));
  const startFirstPage = () => fetchPage.start({ ...query });
  return { query, invalidate: reset, filters, fetchPage, startFirstPage };
});
