/**
 * At most `limit` tasks at once, at most `maxQueue` more waiting (first come, first served); beyond that a
 * task is refused at once rather than queued without bound.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Most tasks ever running at once (observability; tests reset it). */
  peak = 0;
  /** Tasks started so far. */
  started = 0;

  constructor(
    readonly limit: number,
    readonly maxQueue: number,
  ) {}

  /** Runs `task` when a slot is free; null (task not run) when the queue is already full. */
  tryRun<T>(task: () => Promise<T>): Promise<T> | null {
    if (this.running >= this.limit && this.waiting.length >= this.maxQueue) return null;
    return this.slot().then(async () => {
      try {
        return await task();
      } finally {
        this.running--;
        this.waiting.shift()?.();
      }
    });
  }

  private slot(): Promise<void> {
    const take = () => {
      this.running++;
      this.started++;
      this.peak = Math.max(this.peak, this.running);
    };
    if (this.running < this.limit) return Promise.resolve(take());
    return new Promise((resolve) => this.waiting.push(() => resolve(take())));
  }
}
