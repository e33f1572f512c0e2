import type { AppEvent } from '@contract';
import type { JobControl } from '../domain/common/job';

/** Running long jobs by client-generated id: their cancel switch and a throttled progress reporter. */
export class Jobs {
  private running = new Map<string, AbortController>();
  /**
   * Cancels that arrived before their job started (the cancel overtook the call that starts it, e.g. when
   * that call waited for the database): the job then stops at once. Kept a minute, by arrival time.
   */
  private early = new Map<string, number>();

  constructor(private emit: (e: AppEvent) => void) {}

  /** Run `fn` as job `jobId`; progress events are throttled to ~10 per second plus the last one. */
  async run<T>(jobId: string | undefined, fn: (job: JobHandle) => Promise<T>): Promise<T> {
    const id = jobId ?? `job-${Date.now()}`;
    const ctrl = new AbortController();
    if (this.early.delete(id)) ctrl.abort();
    this.running.set(id, ctrl);
    let last = 0;
    const handle: JobHandle = {
      signal: ctrl.signal,
      progress: (done, total, phase) => {
        const now = Date.now();
        if (done < total && now - last < 100) return;
        last = now;
        this.emit({ type: 'progress', jobId: id, done, total, phase });
      },
    };
    try {
      return await fn(handle);
    } finally {
      this.running.delete(id);
    }
  }

  /** Whether a running job was told to stop; an id not running yet is remembered for a minute. */
  cancel(jobId: string): boolean {
    const ctrl = this.running.get(jobId);
    if (ctrl) {
      ctrl.abort();
      return true;
    }
    const now = Date.now();
    for (const [id, at] of this.early) if (now - at > 60_000) this.early.delete(id);
    if (this.early.size < 1_000) this.early.set(jobId, now);
    return false;
  }
}

export type JobHandle = Required<JobControl>;
