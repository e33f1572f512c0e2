// Agents: who joins when, how each one behaves over time, and their rows once their orders are known.
import type { Database } from 'better-sqlite3';
import { DAY_MS } from '@contract/days';
import { BulkInsert, type Progress } from './bulk';
import type { Calendar } from './calendar';
import {
  AGENT_NOTES,
  BLOCKED_NOTE,
  CHANNELS,
  LEVELS,
  PERSONA_TAGS,
  REFERRAL_CHANNEL,
  TAG_GROWING,
  TAG_STOCKPILER,
} from './data';
import { PLACES, People } from './people';
import { type Random, WeightedItems, WeightedPicker } from './random';

/**
 * Behaviours, each with its share among agents, the join age it needs to show, and its share of
 * dropship orders (the rest are stock orders).
 */
export const BEHAVIOURS = {
  steady: { weight: 45, minAge: 0, dropshipShare: 0.98 },
  growing: { weight: 16, minAge: 90, dropshipShare: 0.98 },
  dormant: { weight: 15, minAge: 180, dropshipShare: 0.97 },
  churned: { weight: 12, minAge: 240, dropshipShare: 0.95 },
  stockpiler: { weight: 8, minAge: 45, dropshipShare: 0.2 },
  never: { weight: 0, minAge: 0, dropshipShare: 0 },
} as const;
export type Behaviour = keyof typeof BEHAVIOURS;
export const BEHAVIOUR_NAMES = Object.keys(BEHAVIOURS) as Behaviour[];
/** Behaviour name → the number stored in AgentPlan.behaviour. */
export const B = Object.fromEntries(BEHAVIOUR_NAMES.map((b, i) => [b, i])) as Record<Behaviour, number>;

/** Joins per day grow this many times over the history: recent joins are more frequent. */
const JOIN_GROWTH = 4;
/** Order rate by level: higher levels are the bigger sellers. */
const LEVEL_RATE = [0.6, 1, 1.6, 2.6];
const DORMANT_STOP_DAYS: [number, number] = [60, 150];
/** Churned agents stopped at least this long ago. */
const CHURNED_BEFORE_DAYS = 180;
/** Recency (days) at which the status turns dormant, then churned. */
const DORMANT_AFTER = 60;
const CHURNED_AFTER = 180;
/** Never-ordered agents who joined within this many days are still leads (or being onboarded). */
const LEAD_DAYS = 30;

/** Per-agent state for the whole run, in typed arrays: flat memory at 100,000 agents. */
export interface AgentPlan {
  count: number;
  ids: string[];
  joinMs: Float64Array;
  joinDay: Int32Array;
  behaviour: Uint8Array;
  level: Uint8Array;
  /** Orders per day on day `start` (relative; the order generator scales it), rising by `slope` per day. */
  rate: Float64Array;
  slope: Float64Array;
  /** Orders happen on days [start, stop). */
  start: Int32Array;
  stop: Int32Array;
  /** Share of dropship orders. */
  dropshipShare: Float64Array;
  /** Index into PLACES, plus the name, phone and address that stock orders are shipped to. */
  home: Int32Array;
  name: string[];
  phone: string[];
  address: string[];
  /** Outcome, filled in by the order generator: counted (not cancelled) orders and the last one. */
  orders: Int32Array;
  lastOrderMs: Float64Array;
}

export function planAgents(count: number, cal: Calendar, newId: () => string, rng: Random, people: People): AgentPlan {
  const D = cal.days;
  const plan: AgentPlan = {
    count,
    ids: [],
    joinMs: new Float64Array(count),
    joinDay: new Int32Array(count),
    behaviour: new Uint8Array(count),
    level: new Uint8Array(count),
    rate: new Float64Array(count),
    slope: new Float64Array(count),
    start: new Int32Array(count),
    stop: new Int32Array(count),
    dropshipShare: new Float64Array(count),
    home: new Int32Array(count),
    name: [],
    phone: [],
    address: [],
    orders: new Int32Array(count),
    lastOrderMs: new Float64Array(count),
  };

  // Join instants: exponential growth of the join rate, by inverse CDF of sorted uniforms (join order = code order).
  const u = new Float64Array(count).map(() => rng.float()).sort();
  u[0] = 0; // the first agent opens the history, so even a one-agent demo has someone to order
  const levelPicker = new WeightedPicker(LEVELS.map((l) => l.weight));
  const phones = new Set<string>();

  for (let a = 0; a < count; a++) {
    const t = (D * Math.log(1 + u[a] * (JOIN_GROWTH - 1))) / Math.log(JOIN_GROWTH);
    const day = Math.min(D - 1, Math.floor(t));
    plan.joinDay[a] = day;
    plan.joinMs[a] = cal.startMs[day] + Math.floor((t - day) * (cal.startMs[day + 1] - cal.startMs[day]));
    plan.ids.push(newId());

    const b = a === 0 ? B.steady : pickBehaviour(D - 1 - day, rng);
    plan.behaviour[a] = b;
    const level = Math.min(LEVELS.length - 1, levelPicker.index(rng) + (b === B.stockpiler && rng.chance(0.5) ? 1 : 0));
    plan.level[a] = level;
    plan.dropshipShare[a] = BEHAVIOURS[BEHAVIOUR_NAMES[b]].dropshipShare;
    schedule(plan, a, b, D, rng);

    plan.home[a] = people.place();
    const name = people.name();
    let phone = people.mobile();
    while (phones.has(phone)) phone = people.mobile(); // one agent per mobile: it identifies them
    phones.add(phone);
    plan.name.push(name);
    plan.phone.push(phone);
    plan.address.push(people.address());
  }
  return plan;
}

const behaviourPickers = new Map<string, WeightedItems<{ b: Behaviour; weight: number }>>();

function pickBehaviour(age: number, rng: Random): number {
  if (rng.chance(age < LEAD_DAYS ? 0.35 : 0.08)) return B.never;
  const eligible = BEHAVIOUR_NAMES.filter((b) => BEHAVIOURS[b].weight > 0 && age >= BEHAVIOURS[b].minAge);
  const key = eligible.join();
  let picker = behaviourPickers.get(key);
  if (!picker) behaviourPickers.set(key, (picker = new WeightedItems(eligible.map((b) => ({ b, weight: BEHAVIOURS[b].weight })))));
  return B[picker.pick(rng).b];
}

/** Sets the active days and order rate of agent `a`. */
function schedule(plan: AgentPlan, a: number, b: number, D: number, rng: Random): void {
  if (b === B.never) {
    plan.start[a] = plan.stop[a] = D;
    return;
  }
  // First order a few days after joining, never on the joining day itself (it could precede the join);
  // a start at or after the end of the history means no order yet.
  let start = plan.joinDay[a] + 1 + Math.floor(-Math.log(1 - rng.float()) * 4);
  let stop = D;
  if (b === B.dormant) stop = D - rng.int(DORMANT_STOP_DAYS[0], DORMANT_STOP_DAYS[1]);
  if (b === B.churned) stop = Math.min(start + rng.int(20, 120), D - CHURNED_BEFORE_DAYS);
  if (stop < D) start = Math.min(start, stop - 20); // their minAge leaves room for 20 active days after joining
  // Log-normal: most agents order now and then, a few order every day. Stock-pilers order big, not often.
  const base = Math.exp(0.9 * rng.normal()) * LEVEL_RATE[plan.level[a]] * (b === B.stockpiler ? 0.2 : 1);
  plan.start[a] = start;
  plan.stop[a] = stop;
  if (b === B.growing) {
    // From 40 % of the base rate to 200 % on the last day: five times as many orders at the end.
    plan.rate[a] = 0.4 * base;
    plan.slope[a] = (1.6 * base) / Math.max(1, D - 1 - start);
  } else plan.rate[a] = base;
}

const AGENT_COLUMNS = [
  'id', 'code', 'name', 'name_initials', 'wechat_id', 'phone', 'phone_tail', 'province', 'city', 'district', 'level_id',
  'status', 'source_channel', 'referrer_id', 'cs_user_id', 'verified', 'tags', 'notes', 'joined_at', 'created_at', 'updated_at',
] as const;

/** Status as customer service would have it, from what the agent actually did. */
function statusOf(plan: AgentPlan, a: number, cal: Calendar, rng: Random): string {
  const now = cal.startMs[cal.days];
  if (plan.orders[a] === 0) {
    if ((now - plan.joinMs[a]) / DAY_MS >= LEAD_DAYS) return 'churned';
    return rng.chance(0.4) ? 'onboarding' : 'lead'; // customer service has started on some of the newcomers
  }
  const recency = (now - plan.lastOrderMs[a]) / DAY_MS;
  return recency < DORMANT_AFTER ? 'active' : recency < CHURNED_AFTER ? 'dormant' : 'churned';
}

/** Writes the agent rows once the orders are generated, so statuses match the order history. */
export function insertAgents(
  conn: Database,
  plan: AgentPlan,
  cal: Calendar,
  levelIds: string[],
  rng: Random,
  people: People,
  progress: Progress,
): void {
  const rows = new BulkInsert(conn, 'agents', AGENT_COLUMNS);
  const channels = new WeightedItems(CHANNELS);
  for (let a = 0; a < plan.count; a++) {
    const b = BEHAVIOUR_NAMES[plan.behaviour[a]];
    const ordered = plan.orders[a] > 0;
    let status = statusOf(plan, a, cal, rng);
    let notes = rng.chance(0.08) ? rng.pick(AGENT_NOTES) : '';
    if (ordered && status !== 'active' && rng.chance(0.05)) {
      status = 'blocked';
      notes = BLOCKED_NOTE;
    }
    // Referrer: an earlier agent, preferably one who sells (they are the ones who bring in others).
    let referrer: number | null = null;
    if (a > 0 && rng.chance(0.3)) {
      referrer = rng.int(0, a - 1);
      for (let tries = 0; tries < 3 && plan.behaviour[referrer] === B.never; tries++) referrer = rng.int(0, a - 1);
    }
    const tags: string[] = [];
    if (rng.chance(0.6)) tags.push(rng.pick(PERSONA_TAGS));
    if (b === 'stockpiler') tags.push(TAG_STOCKPILER);
    if (b === 'growing') tags.push(TAG_GROWING);
    const name = plan.name[a];
    const place = PLACES[plan.home[a]];
    rows.add(
      plan.ids[a],
      'A' + String(a + 1).padStart(6, '0'),
      name,
      people.initials(name),
      people.wechatId(name),
      plan.phone[a],
      plan.phone[a].slice(-4),
      place.province,
      place.city,
      place.district,
      levelIds[plan.level[a]],
      status,
      referrer === null ? channels.pick(rng).name : REFERRAL_CHANNEL,
      referrer === null ? null : plan.ids[referrer],
      null,
      rng.chance(ordered ? 0.8 : 0.25) ? 1 : 0,
      JSON.stringify(tags),
      notes,
      plan.joinMs[a],
      plan.joinMs[a],
      Math.max(plan.joinMs[a], plan.lastOrderMs[a]),
    );
    if ((a + 1) % 50_000 === 0) progress.report(a + 1, plan.count, 'agents');
  }
  rows.flush();
  progress.report(plan.count, plan.count, 'agents');
}
