import { tzOffsetMs } from '@contract/days';

const HOUR = 3_600_000;

/** A span of instants [fromMs, toMs) over which `tz` keeps one UTC offset. */
export interface OffsetSpan {
  fromMs: number;
  toMs: number;
  offsetMs: number;
}

/**
 * The spans of constant UTC offset covering [fromMs, toMs], so that SQL can cut local days with plain
 * arithmetic per span (SQLite knows no time zones). Zones change offset on hour bounds, hence the hourly walk.
 */
export function offsetSpans(fromMs: number, toMs: number, tz: string): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  let start = Math.floor(fromMs / HOUR) * HOUR;
  let offset = tzOffsetMs(start, tz);
  for (let h = start + HOUR; h <= toMs; h += HOUR) {
    const o = tzOffsetMs(h, tz);
    if (o === offset) continue;
    spans.push({ fromMs: start, toMs: h, offsetMs: offset });
    [start, offset] = [h, o];
  }
  spans.push({ fromMs: start, toMs: toMs + 1, offsetMs: offset });
  return spans;
}

/** SQL for the local day (yyyymmdd) of the instant in `column`, given the span's offset as parameter ?. */
export const localDaySql = (column: string) => `CAST(strftime('%Y%m%d', (${column} + ?) / 1000, 'unixepoch') AS INTEGER)`;
