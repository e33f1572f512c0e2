import data from '../../../resources/divisions.json';
import { FORMER_CITIES, FORMER_DISTRICTS } from './formerNames';

/** One level of the division tree: a province (2-digit code), a city (4) or a county-level district (6). */
export interface Division {
  code: string;
  name: string;
  level: 'province' | 'city' | 'district';
  parent: Division | null;
  children: Division[];
  /** A city that is only a grouping of the bureau's (北京 市辖区, 重庆 县, 省直辖县级行政区划): no name of its own. */
  virtual: boolean;
}

/** A name a division is written by: its full name, a short form (浙江, 杭州, 西湖, 延边州) or a former name. */
export interface DivisionName {
  division: Division;
  text: string;
  /** full: the official name; short: suffix left out; former (formerShort): a name the place no longer has. */
  form: 'full' | 'short' | 'former' | 'formerShort';
}

export interface DivisionIndex {
  byCode: Map<string, Division>;
  provinces: Division[];
  /** Names by their first character, longest first: a scan at a position tries only names starting there. */
  names: Map<string, DivisionName[]>;
}

const VIRTUAL_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

// Ethnic group words in the names of autonomous prefectures, counties and banners (延边朝鲜族自治州 → 延边).
const ETHNIC = /(?:朝鲜|土家|苗|侗|布依|傣|藏|羌|彝|白|哈尼|壮|景颇|傈僳|蒙古|回|哈萨克|柯尔克孜|维吾尔|黎|瑶|畲|水|仡佬|满|锡伯|达斡尔|鄂温克|鄂伦春|纳西|普米|怒|独龙|佤|拉祜|布朗|德昂|阿昌|基诺|仫佬|毛南|京|土|撒拉|东乡|保安|裕固|塔吉克|各)族?$/;

function stripEthnic(stem: string): string {
  let s = stem;
  for (let m = s.match(ETHNIC); m && s.length - m[0].length >= 2; m = s.match(ETHNIC)) s = s.slice(0, -m[0].length);
  return s;
}

/** Short forms people write: 浙江省 → 浙江, 广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边 / 延边州, 西湖区 → 西湖. */
export function shortNames(name: string, level: Division['level']): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    if (s.length >= 2 && s !== name && !out.includes(s)) out.push(s);
  };
  if (level === 'province') {
    add(stripEthnic(name.replace(/(?:特别行政区|自治区|省|市)$/, '')));
  } else if (level === 'city') {
    if (name.endsWith('自治州')) {
      const stem = stripEthnic(name.slice(0, -3));
      add(stem);
      add(`${stem}州`);
    } else add(name.replace(/(?:市|地区|盟)$/, ''));
  } else if (/自治[县旗]$/.test(name)) {
    add(stripEthnic(name.slice(0, -3)));
  } else if (!/(?:新区|矿区|林区|特区)$/.test(name)) {
    // 城区 / 郊区 / 市中区 keep only their full name (a one-character stem would match everywhere).
    add(name.replace(/(?:区|县|市|旗)$/, ''));
  }
  return out;
}

function build(): DivisionIndex {
  const byCode = new Map<string, Division>();
  const node = (code: string, name: string, level: Division['level'], parent: Division | null): Division => {
    const d: Division = { code, name, level, parent, children: [], virtual: level === 'city' && VIRTUAL_CITIES.has(name) };
    parent?.children.push(d);
    byCode.set(code, d);
    return d;
  };
  for (const [code, name] of data.provinces) node(code, name, 'province', null);
  for (const [code, name] of data.cities) node(code, name, 'city', byCode.get(code.slice(0, 2))!);
  for (const [code, name] of data.areas) node(code, name, 'district', byCode.get(code.slice(0, 4))!);

  const names = new Map<string, DivisionName[]>();
  const add = (division: Division, text: string, form: DivisionName['form']) => {
    const list = names.get(text[0]) ?? [];
    if (!list.some((n) => n.division === division && n.text === text)) list.push({ division, text, form });
    names.set(text[0], list);
  };
  for (const d of byCode.values()) {
    if (d.virtual) continue;
    add(d, d.name, 'full');
    for (const s of shortNames(d.name, d.level)) add(d, s, 'short');
  }
  for (const f of [...FORMER_DISTRICTS, ...FORMER_CITIES]) {
    const d = byCode.get(f.now);
    if (d?.name !== f.nowName) throw new Error(`formerNames: ${f.name} → ${f.now} is ${d?.name ?? 'not in the data'}, not ${f.nowName}`);
    add(d, f.name, 'former');
    for (const s of shortNames(f.name, d.level)) add(d, s, 'formerShort');
  }
  for (const list of names.values()) list.sort((a, b) => b.text.length - a.text.length);
  return { byCode, provinces: data.provinces.map(([code]) => byCode.get(code)!), names };
}

let index: DivisionIndex | undefined;
/** The division tree and its names, built once (about 3,200 divisions). */
export const divisions = (): DivisionIndex => (index ??= build());

/** The province, the city (null for a virtual one) and the district of a division. */
export function lineage(d: Division): { province: Division; city: Division | null; district: Division | null } {
  const chain: Division[] = [];
  for (let x: Division | null = d; x; x = x.parent) chain.unshift(x);
  const city = chain[1] && !chain[1].virtual ? chain[1] : null;
  return { province: chain[0], city, district: chain[2] ?? null };
}
