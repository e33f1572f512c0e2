// The sheet worker: runs xlsxRows on a copy of the workbook's bytes off the main thread, so inflating and
// parsing overlap with the import's checks and writes. Rows go back in batches; after WINDOW unacknowledged
// batches it waits for the reader's ack, so memory stays bounded however slow the consumer is. An error is
// sent as plain data (see workerError in sheetReader.ts) and re-created there as the same class.
import { parentPort, workerData } from 'node:worker_threads';
import type { SheetRow } from './sheetReader';
import { NoSheet, TooManyStrings, WorkbookDamage, xlsxRows, type XlsxReadOptions } from './xlsxReader';
import { ZipPartError } from './zipDirectory';

export interface SheetWorkerData {
  bytes: Uint8Array;
  opts: XlsxReadOptions;
  batchRows: number;
  window: number;
}
export type WorkerError =
  | { kind: 'zip'; part: string; why: 'bigger' | 'damaged' }
  | { kind: 'damage' | 'noSheet' | 'other'; message: string; name?: string }
  | { kind: 'strings'; count: number };
export type WorkerMessage = { rows: SheetRow[] } | { done: true } | { error: WorkerError };

function describe(e: unknown): WorkerError {
  if (e instanceof ZipPartError) return { kind: 'zip', part: e.part, why: e.why };
  if (e instanceof WorkbookDamage) return { kind: 'damage', message: e.message };
  if (e instanceof NoSheet) return { kind: 'noSheet', message: e.message };
  if (e instanceof TooManyStrings) return { kind: 'strings', count: e.count };
  const err = e instanceof Error ? e : new Error(String(e));
  return { kind: 'other', message: err.message, name: err.name };
}

async function run(port: NonNullable<typeof parentPort>, data: SheetWorkerData) {
  const buf = Buffer.from(data.bytes.buffer, data.bytes.byteOffset, data.bytes.byteLength);
  let sent = 0;
  let acked = 0;
  let wake: (() => void) | null = null;
  const onAck = () => {
    acked++;
    wake?.();
  };
  port.on('message', onAck);
  const post = (m: WorkerMessage) => port.postMessage(m);
  try {
    let rows: SheetRow[] = [];
    for await (const row of xlsxRows(buf, data.opts)) {
      rows.push(row);
      if (rows.length < data.batchRows) continue;
      post({ rows });
      rows = [];
      sent++;
      while (sent - acked >= data.window) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    if (rows.length) post({ rows });
    post({ done: true });
  } catch (e) {
    post({ error: describe(e) });
  }
  port.off('message', onAck); // nothing left to wait for: the thread may end
}

if (parentPort) void run(parentPort, workerData as SheetWorkerData);
