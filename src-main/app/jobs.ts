import type { AppEvent } from '@contract';
import type { JobControl } from '../domain/common/job';

/** Running long jobs by client-generated id: their cancel switch and a throttled progress reporter. */
export class Jobs {
  private running = new Map<string, AbortController>();

  constructor(private emit: (e: AppEvent) => void) {}

  /** Run `fn` as job `jobId`; progress events are throttled to ~10 per second plus the last one. */
  async run<T>(jobId: string | undefined, fn: (job: JobHandle) => Promise<T>): Promise<T> {
    const id = jobId ?? `job-${Date.now()}`;
    const ctrl = new AbortController();
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

  cancel(jobId: string): boolean {
    const ctrl = this.running.get(jobId);
    ctrl?.abort();
    return !!ctrl;
  }
}

export type JobHandle = Required<JobControl>;
