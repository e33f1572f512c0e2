// The columns a user chose for a table, remembered per user in localStorage (across reloads and sign-ins on
// this PC). What is read back is checked against the columns that exist now: a renamed or removed column
// is dropped, and nothing usable left means the defaults.
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export const columnsKey = (table: string, userId: string): string => `dropship.columns.${table}.${userId}`;

export function loadColumns<C extends string>(store: KeyValueStore | undefined, key: string, known: readonly C[], defaults: readonly C[]): C[] {
  let raw: string | null = null;
  try {
    raw = store?.getItem(key) ?? null;
  } catch {
    return [...defaults]; // storage unavailable (private mode, quota)
  }
  if (raw === null) return [...defaults];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [...defaults];
  }
  if (!Array.isArray(parsed)) return [...defaults];
  const valid = [...new Set(parsed.filter((c): c is C => typeof c === 'string' && (known as readonly string[]).includes(c)))];
  return valid.length ? valid : [...defaults];
}

export function saveColumns(store: KeyValueStore | undefined, key: string, columns: readonly string[]): void {
  try {
    store?.setItem(key, JSON.stringify(columns));
  } catch {
    /* not fatal: the choice just does not survive a reload */
  }
}
