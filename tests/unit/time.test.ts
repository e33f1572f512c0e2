import { describe, expect, it } from 'vitest';
import { addDays, dayNumberOf, dayOf, dayStartMs, daysBetween, formatDateTime, monthStart, periodMs } from '@contract/days';

describe('local days', () => {
  it('cuts days in Asia/Shanghai (UTC+8)', () => {
    expect(dayOf(Date.parse('2026-03-01T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-01');
    expect(dayOf(Date.parse('2026-03-01T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
    expect(dayStartMs('2026-03-02', 'Asia/Shanghai')).toBe(Date.parse('2026-03-01T16:00:00Z'));
    expect(dayNumberOf(Date.parse('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe(20270101);
  });

  it('handles zones with daylight saving (America/New_York)', () => {
    expect(dayStartMs('2026-03-08', 'America/New_York')).toBe(Date.parse('2026-03-08T05:00:00Z'));
    expect(dayStartMs('2026-03-09', 'America/New_York')).toBe(Date.parse('2026-03-09T04:00:00Z'));
    const { fromMs, toMs } = periodMs('2026-03-08', '2026-03-09', 'America/New_York');
    expect(toMs - fromMs).toBe(23 * 3_600_000);
  });

  it('does day arithmetic on calendar days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(monthStart('2026-03-31')).toBe('2026-03-01');
    expect(monthStart('2026-01-15', -1)).toBe('2025-12-01');
  });

  it('formats an instant in the supplier time zone', () => {
    expect(formatDateTime(Date.parse('2026-03-01T16:05:00Z'), 'Asia/Shanghai')).toBe('2026-03-02 00:05');
  });
});
