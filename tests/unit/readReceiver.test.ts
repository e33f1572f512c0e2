import { describe, expect, it } from 'vitest';
import { readReceiver } from '../../src-main/domain/address/readReceiver';
import { RECEIVER_MESSAGES } from '../fixtures/receiverMessages';

describe('readReceiver on the receiver message set', () => {
  it(`reads ≥ 97 % of districts and ≥ 99 % of mobiles right (${RECEIVER_MESSAGES.length} messages)`, () => {
    expect(RECEIVER_MESSAGES.length).toBeGreaterThanOrEqual(150);
    const right = { province: 0, city: 0, district: 0, name: 0, mobile: 0, landline: 0 };
    const wrong: string[] = [];
    for (const [message, name, mobile, landline, code] of RECEIVER_MESSAGES) {
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
    const n = RECEIVER_MESSAGES.length;
    const share = Object.fromEntries(Object.entries(right).map(([k, v]) => [k, Math.round((v / n) * 1000) / 10]));
    console.log('receiver accuracy %', share, wrong.length ? `\n${wrong.join('\n')}` : '');
    expect(right.district / n).toBeGreaterThanOrEqual(0.97);
    expect(right.mobile / n).toBeGreaterThanOrEqual(0.99);
    expect(right.province / n).toBeGreaterThanOrEqual(0.99);
    expect(right.name / n).toBeGreaterThanOrEqual(0.95);
  });
});
