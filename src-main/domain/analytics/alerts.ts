import type { Db } from '../../db/open';
import { getSetting } from '../system/settings';
import type { AgentFigures } from './figures';

/** The thresholds of domain.md that are settings (压货预警 N and share, 流失 days). */
export interface AlertSettings {
  stockPilingUnits: number;
  stockPilingSellThrough: number;
  churnDays: number;
}

export async function alertSettings(db: Db): Promise<AlertSettings> {
  return {
    stockPilingUnits: await getSetting(db, 'stockPilingUnits'),
    stockPilingSellThrough: await getSetting(db, 'stockPilingSellThrough'),
    churnDays: await getSetting(db, 'churnDays'),
  };
}

/** 沉睡: no counted order for max(2 × the usual interval, 30 days), as of the period's end. */
export function isDormant(f: AgentFigures): boolean {
  const interval = f.usualInterval();
  const recency = f.recency();
  return interval !== null && recency !== null && recency >= Math.max(2 * interval, 30);
}

/** 流失: no counted order for `churnDays` days, as of the period's end. */
export function isChurned(f: AgentFigures, s: AlertSettings): boolean {
  const recency = f.recency();
  return recency !== null && recency >= s.churnDays;
}

/** 压货预警: ≥ N stock-order units in the last 60 days up to the period's end, with sell-through over them < the share. */
export function stockPiling(f: AgentFigures, s: AlertSettings): { stockUnits: number; sellThrough: number | null } | null {
  const w = f.stockWindow();
  const stockUnits = w.stockUnits();
  if (stockUnits <= 0 || stockUnits < s.stockPilingUnits) return null;
  const sellThrough = w.sellThrough();
  return (sellThrough ?? 0) < s.stockPilingSellThrough ? { stockUnits, sellThrough } : null;
}
