// The one write path for order facts: orders and their lines, status steps, cancellations, after-sales cases,
// sell-through reports and stock movements. Each write keeps the rollups, the timeline and the audit log in the
// caller's transaction and notes what changed for the `data.changed` event sent after the commit.
export { ledgerContext, inLedgerTransaction, type LedgerActor, type LedgerContext } from './context';
export { ChangeSet, everythingChanged } from './changes';
export { recordOrder, nextOrderNo, type RecordedOrder } from './orders';
export { setOrderStatus, cancelOrder, NEXT_STATUSES } from './status';
export { recordAfterSales, type RecordedCase } from './afterSales';
export { recordSellThrough } from './sellThrough';
export { moveStock, moveStockBulk, recordInitialStock, auditStockMoves, type BulkMovement, type StockContext } from './stock';
export { rebuildRollups, rebuildRollupsOn, rebuildAnalytics, rollupsRebuilt, ensureRollups, DERIVED_TABLES, FACT_TABLES } from './rebuild';
