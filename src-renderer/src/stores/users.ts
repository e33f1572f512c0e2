// Staff accounts view state: the list query (search, page) kept across navigation, and the roles
// (built-in and custom) that pickers and tags name.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { StaffRole } from '@contract';
import { api } from '@/api/client';
import { listQuery } from '@/hooks/useRemoteTable';
import { firstPageFetch } from '@/hooks/firstPage';

export interface UserQuery {
  page: number;
  pageSize: number;
  search: string;
}

export const useUsersStore = defineStore('users', () => {
  const { query, reset } = listQuery<UserQuery>({ page: 1, pageSize: 50, search: '' });
  const roles = ref<StaffRole[]>([]);
  async function loadRoles(): Promise<void> {
    roles.value = await api.roles.list();
  }
  /** users.list is small and unpaged: search and pages are applied here. */
  const fetchPage = firstPageFetch(async (q: UserQuery) => {
    const all = await api.users.list();
    const s = q.search.trim().toLowerCase();
    const rows = s ? all.filter((u) => u.login.toLowerCase().includes(s) || u.name.toLowerCase().includes(s)) : all;
    return { rows: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: rows.length };
  });
  const startFirstPage = () => fetchPage.start({ ...query });
  return { query, invalidate: reset, roles, loadRoles, fetchPage, startFirstPage };
});
