// A list's fetch that the router may start as the sidebar click is handled (router/firstPages.ts), before the
// screen's chunk, setup and first render: the screen's first call with the same query takes that reply instead
// of asking again, and when it has already come the table is drawn with its rows at once (useRemoteTable).
// An early reply is only used by the screen it was asked for, within a moment of being asked.

/** Older than this, an early reply is not used (the screen then asks again). */
const FRESH_MS = 3000;

export interface FirstPageFetch<Q, P> {
  /** The list's fetch: takes the early reply for this query if there is one, else asks the API. */
  (q: Q): Promise<P>;
  /** Ask for this query now; resolves (never rejects) when the reply or error is in. */
  start(q: Q): Promise<void>;
  /** The early reply for this query if it has come (taken: the next call asks the API). */
  settled(q: Q): P | undefined;
}

export function firstPageFetch<Q, P>(fetch: (q: Q) => Promise<P>): FirstPageFetch<Q, P> {
  let early: { key: string; at: number; reply: Promise<P>; value?: P } | null = null;
  const take = (q: Q) => {
    const e = early;
    early = null;
    return e && e.key === JSON.stringify(q) && performance.now() - e.at < FRESH_MS ? e : null;
  };
  const run = (q: Q) => take(q)?.reply ?? fetch(q);
  run.start = (q: Q) => {
    const e: NonNullable<typeof early> = { key: JSON.stringify(q), at: performance.now(), reply: fetch(q) };
    early = e;
    return e.reply.then(
      (v) => void (e.value = v),
      () => undefined, // the screen's own call gets the same error and shows it
    );
  };
  run.settled = (q: Q) => {
    if (!early || early.value === undefined) return undefined;
    return take(q)?.value;
  };
  return run;
}
