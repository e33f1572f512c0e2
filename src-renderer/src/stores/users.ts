// Staff accounts view state: the list query (search, page) kept across navigation.
import { defineStore } from 'pinia';
import { listQuery } from '@/hooks/useRemoteTable';

export interface UserQuery {
  page: number;
  pageSize: number;
  search: string;
}

export const useUsersStore = defineStore('users', () => {
  const { query, reset } = listQuery<UserQuery>({ page: 1, pageSize: 50, search: '' });
  return { query, invalidate: reset };
});
