import type { AppEvent } from '@contract';
import type { JobControl } from '../domain/common/job';
import type { EventAudience } from './events';
import type { Caller } from './router';

/** Who started a job: its progress goes to their session only, and only they (or an admin) may cancel it. */
type Owner = { userId: string; sessionToken: string | undefined };
const ownerOf = (caller: Caller): Owner => ({ userId: caller.user?.id ?? 'local', sessionToken: caller.sessionToken });

/** Admins (who manage every account anyway) may cancel anybody's job; nobody else sees that it exists. */
const cancelsAnyJob = (caller: Caller) => caller.permissions.has('accounts.manage');

/** Running long jobs by client-generated id: their owner, cancel switch and a throttled progress reporter. */
export class Jobs {
  private running = new Map<string, { ctrl: AbortController; owner: Owner }>();
  /**
   * Cancels that arrived before their job started (the cancel overtook the call that starts it, e.g. when
   * that call waited for the database): the job then stops at once if the same user starts it. Kept a
   * minute, by arrival time, keyed by user and job id so nobody can pre-cancel another user's job.
   */
  private early = new Map<string, number>();

  constructor(private emit: (e: AppEvent, to: EventAudience) => void) {}

  /** Run `fn` as `caller`'s job `jobId`; progress events are throttled to ~10 per second plus the last one. */
  async run<T>(jobId: string | undefined, caller: Caller, fn: (job: JobHandle) => Promise<T>): Promise<T> {
    const id = jobId ?? `job-${Date.now()}`;
    const owner = ownerOf(caller);
    const ctrl = new AbortController();
    if (this.early.delete(earlyKey(owner.userId, id))) ctrl.abort();
    this.running.set(id, { ctrl, owner });
    const to: EventAudience = { sessionToken: owner.sessionToken };
    let last = 0;
    const handle: JobHandle = {
      signal: ctrl.signal,
      progress: (done, total, phase) => {
        const now = Date.now();
        if (done < total && now - last < 100) return;
        last = now;
        this.emit({ type: 'progress', jobId: id, done, total, phase }, to);
      },
    };
    try {
      return await fn(handle);
    } finally {
      this.running.delete(id);
    }
  }

  /**
   * Whether a running job of the caller's (any job, for an admin) was told to stop. Somebody else's job
   * answers like one not running, and an id not running yet is remembered for a minute for this caller.
   */
  cancel(jobId: string, caller: Caller): boolean {
    const job = this.running.get(jobId);
    const userId = ownerOf(caller).userId;
    if (job && (job.owner.userId === userId || cancelsAnyJob(caller))) {
      job.ctrl.abort();
      return true;
    }
    const now = Date.now();
    for (const [key, at] of this.early) if (now - at > 60_000) this.early.delete(key);
    if (this.early.size < 1_000) this.early.set(earlyKey(userId, jobId), now);
    return false;
  }
}

const earlyKey = (userId: string, jobId: string) => `${userId}\n${jobId}`;

export type JobHandle = Required<JobControl>;
