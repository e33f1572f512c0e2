// Client-generated ids: UUIDv7 (time-ordered, so B-tree inserts append) from the uuidv7 package.
import { uuidv7, V7Generator } from 'uuidv7';

export const newId = (): string => uuidv7();

/** Deterministic ids for generated data: same seed, same ids. */
export function seededIds(nextUint32: () => number, atMs: number): () => string {
  const gen = new V7Generator({ nextUint32 });
  return () => gen.generateOrResetWithTs(atMs).toString();
}
