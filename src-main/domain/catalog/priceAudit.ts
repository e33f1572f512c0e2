// Every price change is audited the same way, whether a product is edited or imported.
import type { Product } from '@contract';
import type { Db } from '../../db/open';
import type { WriteContext } from '../common/context';
import { appendAudits, audit, type AuditActor, type AuditEntry } from '../accounts/audit';

/** Price fields that changed, as { field: [before, after] } (level prices keyed by level id). */
export function priceChanges(a: Product, b: Product): Record<string, [number | null, number | null]> {
  const out: Record<string, [number | null, number | null]> = {};
  for (const k of ['retailPriceFen', 'minRetailPriceFen', 'costFen'] as const) if (a[k] !== b[k]) out[k] = [a[k], b[k]];
  const levels = new Set([...a.prices, ...b.prices].map((p) => p.levelId));
  for (const id of levels) {
    const x = a.prices.find((p) => p.levelId === id)?.priceFen ?? null;
    const y = b.prices.find((p) => p.levelId === id)?.priceFen ?? null;
    if (x !== y) out[`price:${id}`] = [x, y];
  }
  return out;
}

/** A price_change entry with before/after values when any price of the product changed, in the edit's transaction. */
export async function auditPriceChange(ctx: WriteContext, before: Product, after: Product): Promise<void> {
  const changes = priceChanges(before, after);
  if (Object.keys(changes).length) await audit(ctx, { action: 'price_change', target: after.sku, details: changes });
}

/** auditPriceChange for many products at once (an import's batch): the same entries, fewer statements. */
export async function auditPriceChanges(db: Db, actor: AuditActor, pairs: { before: Product; after: Product }[]): Promise<void> {
  const entries: AuditEntry[] = [];
  for (const { before, after } of pairs) {
    const changes = priceChanges(before, after);
    if (Object.keys(changes).length) entries.push({ ...actor, action: 'price_change', target: after.sku, details: changes });
  }
  if (entries.length) await appendAudits(db, entries);
}
