import { describe, expect, it } from 'vitest';
import { readReceiver } from '../../src-main/domain/address/readReceiver';
import { RECEIVER_MESSAGES } from '../fixtures/receiverMessages';
import { RECEIVER_MESSAGES_HELD_OUT } from '../fixtures/receiverMessagesHeldOut';

type Messages = typeof RECEIVER_MESSAGES;

/** Reads every message and counts the parts read right; prints the shares and the messages read wrong. */
function accuracy(label: string, messages: Messages) {
    const right = { province: 0, city: 0, district: 0, name: 0, mobile: 0, landline: 0 };
    const wrong: string[] = [];
    for (const [message, name, mobile, landline, code] of messages) {
      const r = readReceiver(message);
      const got = r.region?.code ?? '';
      const ok = {
        province: got.slice(0, 2) === code.slice(0, 2),
        city: got.slice(0, 4) === code.slice(0, 4),
        district: got === code,
        name: r.name === name,
        mobile: r.mobile === mobile,
        landline: r.phone === landline,
      };
      for (const k of Object.keys(ok) as (keyof typeof ok)[]) if (ok[k]) right[k]++;
      if (!Object.values(ok).every(Boolean)) wrong.push(`${JSON.stringify(message)}: ${Object.entries(ok).filter(([, v]) => !v).map(([k]) => k).join(',')} → ${got} ${r.name} ${r.mobile} ${r.phone}`);
    }
    const n = messages.length;
    const share = Object.fromEntries(Object.entries(right).map(([k, v]) => [k, Math.round((v / n) * 1000) / 10]));
    console.log(`receiver accuracy %, ${label} (${n} messages)`, share, wrong.length ? `\n${wrong.join('\n')}` : '');
    return { right, n };
}

describe('readReceiver on the receiver message sets', () => {
  it(`the set written with the parser: ≥ 97 % of districts and ≥ 99 % of mobiles (${RECEIVER_MESSAGES.length} messages)`, () => {
    expect(RECEIVER_MESSAGES.length).toBeGreaterThanOrEqual(150);
    const { right, n } = accuracy('written with the parser', RECEIVER_MESSAGES);
    expect(right.district / n).toBeGreaterThanOrEqual(0.97);
    expect(right.mobile / n).toBeGreaterThanOrEqual(0.99);
    expect(right.province / n).toBeGreaterThanOrEqual(0.99);
    expect(right.name / n).toBeGreaterThanOrEqual(0.95);
  });

  // Its first run, before any change it prompted, read 93.0 % of districts (province 98.8, city 98.0, name 98.0,
  // mobile 100, landline 99.6): it found 22 former names missing from formerNames.ts, surnames read as address
  // words (路, 楼, 区) and counties named after their city (芜湖县). Those fixes are in; it is no longer unseen.
  it(`the held-out set, written apart from the parser: ≥ 97 % of districts and ≥ 99 % of mobiles (${RECEIVER_MESSAGES_HELD_OUT.length} messages)`, () => {
    expect(RECEIVER_MESSAGES_HELD_OUT.length).toBeGreaterThanOrEqual(150);
    const { right, n } = accuracy('held out', RECEIVER_MESSAGES_HELD_OUT);
    expect(right.district / n).toBeGreaterThanOrEqual(0.97);
    expect(right.mobile / n).toBeGreaterThanOrEqual(0.99);
  });
});
