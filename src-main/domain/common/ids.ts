// Client-generated ids: UUIDv7 (time-ordered, so B-tree inserts append) from the uuidv7 package.
import { webcrypto } from 'node:crypto';
import { V7Generator } from 'uuidv7';

/**
 * The uuidv7 package's own generator refills 8 random words at a time (a crypto call every 2–3 ids); an import
 * makes two ids per product, so this one draws 1,024 words per call. Same generator, same monotonic ids.
 */
const random = {
  words: new Uint32Array(1024),
  at: 1024,
  nextUint32(): number {
    if (this.at >= this.words.length) {
      webcrypto.getRandomValues(this.words);
      this.at = 0;
    }
    return this.words[this.at++];
  },
};
const generator = new V7Generator(random);

export const newId = (): string => generator.generate().toString();

/** Deterministic ids for generated data: same seed, same ids. */
export function seededIds(nextUint32: () => number, atMs: number): () => string {
  const gen = new V7Generator({ nextUint32 });
  return () => gen.generateOrResetWithTs(atMs).toString();
}
