/** What a long-running domain function gets from its caller: a cancel signal and a progress sink. */
export interface JobControl {
  signal?: AbortSignal;
  progress?: (done: number, total: number, phase: string) => void;
}

/** Throws the standard abort error when the user cancelled; long loops call it between batches. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
}

/** Let queued I/O (progress events, a cancel request) through during a long synchronous-ish loop. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
