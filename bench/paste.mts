// Reading a receiver (name, phones, province/city/district with its code, street address) from one pasted
// message: the division index's one-time build, then p50/p95 per message over the test set's messages.
import { divisions } from '../src-main/domain/address/divisions';
import { readReceiver } from '../src-main/domain/address/readReceiver';
import { RECEIVER_MESSAGES } from '../tests/fixtures/receiverMessages';
import { print, quantile } from './stats.mts';

const t0 = performance.now();
divisions();
const indexMs = Number((performance.now() - t0).toFixed(1));
const messages = RECEIVER_MESSAGES.map(([m]) => m);
const ms: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const m of messages) {
    const t = performance.now();
    readReceiver(m);
    if (round > 0) ms.push(performance.now() - t);
  }
}
ms.sort((a, b) => a - b);
const q = (p: number) => quantile(ms, p, 3);
print({ bench: 'paste.readReceiver', messages: messages.length, indexBuildMs: indexMs, perMessageMs: { p50: q(0.5), p95: q(0.95), max: q(1) } });
