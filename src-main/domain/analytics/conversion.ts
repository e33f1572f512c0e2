// The funnel's 转化 (domain.md): one test for the dashboard's count and for the agent list behind it.
import type { DayRange } from './epochDays';
import type { ModelData } from './readModel';

/** A new agent converts with a first counted order within 14 days of joining. */
const CONVERSION_DAYS = 14;

/** Agent slot `a` joined in `range`; `converted`: and placed its first counted order within 14 days of joining (whenever that lies). */
export function joinedIn(m: ModelData, range: DayRange, a: number): { joined: boolean; converted: boolean } {
  const joined = m.agents.joinedDay[a];
  if (joined < range.from || joined >= range.to) return { joined: false, converted: false };
  const { placed } = m;
  return { joined: true, converted: placed.end[a] > placed.start[a] && placed.day[placed.start[a]] < joined + CONVERSION_DAYS };
}
