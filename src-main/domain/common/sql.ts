import type { Knex } from 'knex';

/** Upper bound for an index range scan that matches every string starting with a prefix. */
const MAX_CHAR = '\u{10FFFF}';

/** `col` starts with `prefix`, as an index range (LIKE cannot use a BINARY index). */
export function wherePrefix(qb: Knex.QueryBuilder, col: string, prefix: string): Knex.QueryBuilder {
  return qb.where(col, '>=', prefix).andWhere(col, '<', prefix + MAX_CHAR);
}

/** Page slice for LIMIT/OFFSET. */
export const pageSlice = (page: number, pageSize: number) => ({ limit: pageSize, offset: (page - 1) * pageSize });

export const parseJsonArray = (s: string | null | undefined): string[] => {
  try {
    const v = JSON.parse(s ?? '[]');
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};
