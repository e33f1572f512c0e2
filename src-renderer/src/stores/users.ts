// Staff accounts view state: the list query (search, page) kept across navigation, and the roles
// (built-in and custom) that pickers and tags name.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { StaffRole } from '@contract';
import { api } from '@/api/client';
import { listQuery } from '@/hooks/useRemoteTable';

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
  return { query, invalidate: reset, roles, loadRoles };
});
