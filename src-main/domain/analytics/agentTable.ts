import { agentStatus, type AgentStatus } from '@contract';
import { dayNumberOf } from '@contract/days';
import { epochDay } from './epochDays';

/** Strings seen in a column, numbered from 0 in order of first sight (filters compare numbers, not strings). */
export class Dict {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(initial: readonly string[] = []) {
    for (const v of initial) this.id(v);
  }
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
  find(value: string): number | undefined {
    return this.index.get(value);
  }
}

export const STATUSES = agentStatus.options;

/** Codes compare as SQLite's BINARY collation does for the ASCII codes agents have (the ranking's last tie-break). */
export const compareCodes = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
/** cs index 0: assigned to nobody. */
const NO_CS = '';

/** One agent's attributes as read from `agents`. */
export interface AgentAttributes {
  id: string;
  code: string;
  name: string;
  level_id: string;
  province: string;
  cs_user_id: string | null;
  source_channel: string;
  status: string;
  joined_at: number;
}
export const AGENT_COLUMNS = 'id, code, name, level_id, province, cs_user_id, source_channel, status, joined_at';

/**
 * The agent attributes rankings filter on, break ties with and show, one slot per agent (the read model's agent
 * index). Code, name, level, province, staff and status are held so that a ranking's rows (an export writes every
 * ranked agent) need no SQL per agent; they follow edits like the rollups do: a write that changes them notes the
 * agents in rollup_changes (ledger/agentChanges), and the model reloads those agents before its next read. Level
 * and staff names come from their small tables at each read (reportNames in rows.ts). Names are masked where
 * they leave (exports, replies), never here.
 */
export class AgentTable {
  readonly ids: string[] = [];
  readonly codes: string[] = [];
  readonly names: string[] = [];
  readonly level: number[] = [];
  readonly province: number[] = [];
  readonly cs: number[] = [];
  readonly source: number[] = [];
  readonly status: number[] = [];
  /** Local day of joining, as an epoch day. */
  readonly joinedDay: number[] = [];
  /** 0 for an agent deleted since it was loaded (its slot stays, ranked nowhere). */
  readonly present: number[] = [];
  readonly levels = new Dict();
  readonly provinces = new Dict();
  readonly csUsers = new Dict([NO_CS]);
  readonly sources = new Dict();
  readonly statuses = new Dict(STATUSES);
  private readonly byId = new Map<string, number>();
  /** Bumped when an agent's code is set to another one (a new agent too): the code order is then sorted again. */
  private codesVersion = 0;
  private byCode: { version: number; slots: Int32Array } | null = null;

  constructor(private readonly timeZone: string) {}

  get count(): number {
    return this.ids.length;
  }

  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  /** The agent's slot, made if new. */
  slot(id: string): number {
    let a = this.byId.get(id);
    if (a === undefined) {
      a = this.ids.length;
      this.byId.set(id, a);
      this.ids.push(id);
      this.codes.push('');
      this.names.push('');
      this.level.push(0);
      this.province.push(0);
      this.cs.push(0);
      this.source.push(0);
      this.status.push(0);
      this.joinedDay.push(0);
      this.present.push(0);
    }
    return a;
  }

  set(r: AgentAttributes): number {
    const a = this.slot(r.id);
    if (this.codes[a] !== r.code) this.codesVersion++;
    this.codes[a] = r.code;
    this.names[a] = r.name;
    this.level[a] = this.levels.id(r.level_id);
    this.province[a] = this.provinces.id(r.province);
    this.cs[a] = this.csUsers.id(r.cs_user_id ?? NO_CS);
    this.source[a] = this.sources.id(r.source_channel);
    this.status[a] = this.statuses.id(r.status);
    this.joinedDay[a] = epochDay(dayNumberOf(Number(r.joined_at), this.timeZone));
    this.present[a] = 1;
    return a;
  }

  /**
   * Every slot in code order (equal codes in slot order): the ranking's last tie-break, which its sort then needs
   * no string comparisons for. Sorted when first asked and again after a code changed.
   */
  codeOrder(): Int32Array {
    if (this.byCode?.version !== this.codesVersion || this.byCode.slots.length !== this.count) {
      const codes = this.codes;
      const slots = Int32Array.from({ length: this.count }, (_, a) => a).sort((x, y) => compareCodes(codes[x], codes[y]) || x - y);
      this.byCode = { version: this.codesVersion, slots };
    }
    return this.byCode.slots;
  }

  remove(a: number): void {
    this.present[a] = 0;
  }

  statusOf(a: number): AgentStatus {
    return this.statuses.values[this.status[a]] as AgentStatus;
  }

  levelIdOf(a: number): string {
    return this.levels.values[this.level[a]];
  }

  provinceOf(a: number): string {
    return this.provinces.values[this.province[a]];
  }

  /** The assigned staff's user id, null for nobody. */
  csUserOf(a: number): string | null {
    const id = this.csUsers.values[this.cs[a]];
    return id === NO_CS ? null : id;
  }

  /** cs index of a staff id; undefined when no agent is assigned to them. */
  csIndex(csUserId: string | null): number | undefined {
    return this.csUsers.find(csUserId ?? NO_CS);
  }
}
