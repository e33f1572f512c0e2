import { divisions, lineage, type Division, type DivisionName } from './divisions';

/** Where a division's name was found in a text. */
interface Match {
  name: DivisionName;
  start: number;
  end: number;
}

/** The province, city and district a text names, the text around them, and how sure the reading is. */
export interface RegionReading {
  province: Division;
  /** Null for a municipality's own districts (北京 朝阳区) and the provinces' directly governed cities (济源). */
  city: Division | null;
  /** Null when the text names no district (or the city has none: 东莞, 中山, 儋州 — then `code` is the city's). */
  district: Division | null;
  /** The 6-digit GB/T 2260 code of the most precise division found (110105, 441900, 330100 …). */
  code: string;
  /** Where the names begin and end in the text: before is usually a name or a label, after is the street address. */
  start: number;
  end: number;
  /** 0–1: 1 for province, city and district written in full; less for short or former names, gaps and guesses. */
  confidence: number;
  /** Other districts the same words could mean (朝阳区 without its city: 北京's or 长春's). */
  alternatives: Division[];
}

// Between the parts of a region people put spaces, commas, slashes or dashes (浙江省/杭州市/西湖区).
const SEPARATORS = /^[\s,，、/\\|\-—_·.。:：;；]*/;
const skipSeparators = (text: string, at: number) => at + (text.slice(at).match(SEPARATORS)?.[0].length ?? 0);

// District names that many cities have and streets contain (阳泉 城区, 宝鸡 郊区 …): never trusted alone.
const GENERIC = /^(?:城区|郊区|矿区|东区|西区|市中区)$/;

const FORM_WEIGHT: Record<DivisionName['form'], number> = { full: 3, short: 2.2, former: 2.6, formerShort: 2 };

function matchesIn(text: string): Match[] {
  const { names } = divisions();
  const out: Match[] = [];
  for (let i = 0; i < text.length; i++) {
    for (const name of names.get(text[i]) ?? []) {
      if (text.startsWith(name.text, i)) out.push({ name, start: i, end: i + name.text.length });
    }
  }
  return out;
}

const isAncestor = (a: Division, d: Division): boolean => {
  for (let x = d.parent; x; x = x.parent) if (x === a) return true;
  return false;
};

/** A city with exactly one district of its own name (东莞市 → 441900 东莞市): the bureau's stand-in. */
const ownDistrict = (city: Division) => (city.children.length === 1 && city.children[0].name === city.name ? city.children[0] : null);

interface Chain {
  parts: Match[];
  score: number;
}

/** Can `next` follow `last` in a written region: a division under it, or the same place written again. */
function follows(last: Match, next: Match): 'child' | 'repeat' | null {
  const a = last.name.division;
  const b = next.name.division;
  // Only a full (or full former) name repeats a place (上海上海市, 北京市北京市朝阳区, 莱芜市莱城区): 横县横州镇's
  // 横州 is a town of the same county, not the county again.
  if (a === b) return next.name.form === 'full' || next.name.form === 'former' ? 'repeat' : null;
  return isAncestor(a, b) ? 'child' : null;
}

function chainsFrom(first: Match, byStart: Map<number, Match[]>, text: string): Chain[] {
  const out: Chain[] = [];
  const grow = (parts: Match[]) => {
    out.push({ parts, score: scoreOf(parts) });
    const last = parts[parts.length - 1];
    for (const next of byStart.get(skipSeparators(text, last.end)) ?? []) {
      if (follows(last, next)) grow([...parts, next]);
    }
    // A district named after its city, read from the same place (长沙县 after 湖南: 长沙 is the city, 长沙县 its county).
    for (const next of byStart.get(last.start) ?? []) {
      if (next.end > last.end && follows(last, next) === 'child') grow([...parts, next]);
    }
  };
  grow([first]);
  return out;
}

function scoreOf(parts: Match[]): number {
  // A place written twice (上海上海市, 北京市北京市) counts once, by its better-written form, plus the text it covers.
  const distinct: Match[] = [];
  let score = 0;
  for (const p of parts) {
    const prev = distinct[distinct.length - 1];
    if (prev?.name.division === p.name.division) {
      if (FORM_WEIGHT[p.name.form] > FORM_WEIGHT[prev.name.form]) distinct[distinct.length - 1] = p;
      score += 0.1;
    } else distinct.push(p);
  }
  for (const p of distinct) score += FORM_WEIGHT[p.name.form] + p.name.text.length * 0.05;
  const last = distinct[distinct.length - 1].name.division;
  // A lone name is trusted only when written in full (a district, or its former name) or as a city or province.
  if (distinct.length === 1) {
    const { form } = distinct[0].name;
    if (last.level === 'district' && ((form !== 'full' && form !== 'former') || GENERIC.test(distinct[0].name.text))) return -Infinity;
    if (form === 'formerShort') return -Infinity;
  }
  // Skipping a real city (广东省天河区) is allowed but less likely than a complete chain.
  for (let i = 1; i < distinct.length; i++) {
    const a = distinct[i - 1].name.division;
    const b = distinct[i].name.division;
    if (a.level === 'province' && b.level === 'district' && b.parent && !b.parent.virtual) score -= 1;
  }
  return score;
}

/** The district a reading settles on when the chain stops at a city that has only its stand-in district. */
function settle(last: Division): Division {
  if (last.level === 'city') return ownDistrict(last) ?? last;
  return last;
}

/**
 * Reads the province, city and district from an address written as people write it: with or without 省/市/区,
 * with the province or the city left out (福清市石竹街道 → 福建省 福州市 福清市), a municipality named twice,
 * former names (杭州下城区 → 拱墅区). Same-named districts (朝阳区, 鼓楼区) are told apart by the province or city
 * written before them; with none, the reading names the others as alternatives and is less confident.
 */
export function resolveRegion(text: string): RegionReading | null {
  const matches = matchesIn(text);
  if (matches.length === 0) return null;
  const byStart = new Map<number, Match[]>();
  for (const m of matches) byStart.set(m.start, [...(byStart.get(m.start) ?? []), m]);

  let best: Chain | null = null;
  let tied: Chain[] = [];
  for (const m of matches) {
    for (const c of chainsFrom(m, byStart, text)) {
      // An earlier start breaks ties between equal readings (the region comes before the street).
      const score = c.score - c.parts[0].start * 0.001;
      if (!best || score > best.score + 1e-9) {
        best = { ...c, score };
        tied = [];
      } else if (Math.abs(score - best.score) <= 1e-9 && c.parts[c.parts.length - 1].name.division !== best.parts[best.parts.length - 1].name.division) {
        tied.push({ ...c, score });
      }
    }
  }
  if (!best || best.score === -Infinity) return null;

  const last = best.parts[best.parts.length - 1];
  const found = settle(last.name.division);
  const { province, city, district } = lineage(found);
  const alternatives = [...new Set(tied.map((c) => settle(c.parts[c.parts.length - 1].name.division)))].filter((d) => d !== found);
  const written = new Set(best.parts.map((p) => p.name.division.level));
  let confidence = 1;
  for (const p of best.parts) if (p.name.form !== 'full') confidence -= 0.05;
  if (!written.has('province')) confidence -= 0.05;
  if (!written.has('city') && city) confidence -= 0.05;
  if (!district) confidence -= 0.3;
  if (alternatives.length) confidence -= 0.3;
  return {
    province,
    city,
    district: district && district !== ownDistrict(city ?? district) ? district : null,
    code: (district ?? city ?? province).code.padEnd(6, '0'),
    start: best.parts[0].start,
    end: last.end,
    confidence: Math.max(0.1, Math.round(confidence * 100) / 100),
    alternatives,
  };
}
