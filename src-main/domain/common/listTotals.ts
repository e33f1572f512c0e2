import type { Db } from '../../db/open';

/** Totals kept at most; the oldest used goes first. */
const KEPT = 200;

/**
 * A list's total (its count under one set of filters and one scope), kept until a write touches a table it
 * counts: a large list's first page then costs its page alone (3.1 M orders: the count is 44 ms, the page
 * 0.1 ms). This process's writes come as their data.changed tables (`changed`, wired to the event bus in
 * app/open.ts); a commit by another connection to the same file (the CLI) shows in SQLite's data_version,
 * read with each count.
 */
export class ListTotals {
  private readonly writes = new Map<string, number>();
  private everything = 0;
  private readonly kept = new Map<string, { n: number; stamp: string }>();

  /** Tables a committed write changed ('*': all of them). */
  changed(tables: readonly string[]): void {
    if (tables.includes('*')) this.everything++;
    else for (const t of tables) this.writes.set(t, (this.writes.get(t) ?? 0) + 1);
  }

  /**
   * The total for `key` (everything the count depends on besides the tables: filters, scope, what the caller's
   * search may match) over `tables`, counted again only when one of them was written since.
   */
  async total(db: Db, tables: readonly string[], key: string, count: () => Promise<number>): Promise<number> {
    const [{ data_version: dataVersion }] = (await db.raw('PRAGMA data_version')) as [{ data_version: number }];
    const stamp = [this.everything, dataVersion, ...tables.map((t) => this.writes.get(t) ?? 0)].join(':');
    const k = `${tables.join(',')}|${key}`;
    const hit = this.kept.get(k);
    this.kept.delete(k);
    if (hit && hit.stamp === stamp) {
      this.kept.set(k, hit);
      return hit.n;
    }
    const n = await count();
    this.kept.set(k, { n, stamp });
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
    return n;
  }
}
