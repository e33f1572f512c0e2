import { initialsOf } from '../../common/pinyin';

/** A product as the paste parser matches it: by name, alias, SKU code or pinyin initials. */
export interface CatalogEntry {
  id: string;
  sku: string;
  name: string;
  /** Pinyin initials of the name (products.name_initials). */
  initials: string;
  aliases?: string[];
}

/** One product line read from a message, with the product it most likely means. */
export interface LineReading {
  /** The words as written (酸奶粉). */
  text: string;
  quantity: number;
  /** Whether the message gave the quantity (else 1 is assumed). */
  quantityWritten: boolean;
  productId: string | null;
  /** 0–1: 1 for an exact SKU, name or alias; less for a part of a name, initials or a similar name. */
  confidence: number;
  /** Other products the words could mean, best first (at most 3). */
  alternatives: { productId: string; confidence: number }[];
}

const UNITS = '件|袋|盒|瓶|个|包|罐|箱|份|支|条|桶|套|组|斤|只|双|提';
// 酸奶粉 x2, 酸奶粉×2, 酸奶粉*2, 酸奶粉 2袋, 酸奶粉2盒, 2袋酸奶粉, 酸奶粉 数量:2
const AFTER = new RegExp(`^(.+?)\\s*(?:[x×X*]\\s*(\\d{1,5})|(\\d{1,5})\\s*(?:${UNITS})|数量\\s*[:]?\\s*(\\d{1,5}))$`);
const BEFORE = new RegExp(`^(\\d{1,5})\\s*(?:${UNITS})\\s*(.+)$`);
const LABEL = /^(?:商品|产品|货品|宝贝|品名|规格|下单|要)\s*[:]?\s*/;

/** Splits pieces of text into product lines with their quantities ("酸奶粉 x2 益生菌2盒" → two lines). */
export function readLines(pieces: string[]): { text: string; quantity: number; quantityWritten: boolean }[] {
  const out: { text: string; quantity: number; quantityWritten: boolean }[] = [];
  for (const piece of pieces) {
    // Glue "酸奶粉 x2" back together, then cut after each quantity.
    const text = piece.normalize('NFKC').trim().replace(LABEL, '').replace(/\s+([x×X*]\s*\d)/g, '$1').replace(/\s+(\d{1,5}\s*(?:件|袋|盒|瓶|个|包|罐|箱|份|支|条|桶|套|组|斤|只|双|提))/g, '$1');
    for (const part of text.split(/[\s,，;；、+]+/).filter(Boolean)) {
      const a = part.match(AFTER);
      const b = a ? null : part.match(BEFORE);
      if (a) out.push({ text: a[1], quantity: Number(a[2] ?? a[3] ?? a[4]), quantityWritten: true });
      else if (b) out.push({ text: b[2], quantity: Number(b[1]), quantityWritten: true });
      else if (/[\u4e00-\u9fa5a-z]/i.test(part) && part.length >= 2) out.push({ text: part, quantity: 1, quantityWritten: false });
    }
  }
  return out;
}

/** Bigrams of a text: the similarity of two product names by shared pairs of characters (Dice). */
function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out.length ? out : [s];
}
function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  const pool = [...y];
  for (const g of x) {
    const k = pool.indexOf(g);
    if (k >= 0) {
      shared++;
      pool.splice(k, 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

const clean = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/** How well the written words name a product, 0–1. */
export function productScore(words: string, p: CatalogEntry): number {
  const w = clean(words);
  if (!w) return 0;
  if (w === clean(p.sku)) return 1;
  const name = clean(p.name);
  if (w === name) return 1;
  if (p.aliases?.some((a) => clean(a) === w)) return 0.95;
  if (/^[a-z]+$/.test(w) && w === p.initials) return 0.8;
  if (name.includes(w) && w.length >= 2) return 0.6 + 0.3 * (w.length / name.length);
  if (w.includes(name)) return 0.85;
  const alias = Math.max(0, ...(p.aliases ?? []).map((a) => dice(w, clean(a))));
  const similar = Math.max(dice(w, name), alias);
  if (similar >= 0.4) return 0.3 + 0.5 * similar;
  if (initialsOf(w) === p.initials && w.length >= 2) return 0.5;
  return 0;
}

/** Reads product lines and matches each to the catalog; a line with no product above 0.3 keeps productId null. */
export function matchLines(pieces: string[], catalog: CatalogEntry[]): LineReading[] {
  return readLines(pieces).map((line) => {
    const ranked = catalog
      .map((p) => ({ productId: p.id, confidence: Math.round(productScore(line.text, p) * 100) / 100 }))
      .filter((r) => r.confidence >= 0.3)
      .sort((a, b) => b.confidence - a.confidence);
    const best = ranked[0];
    return {
      ...line,
      productId: best?.productId ?? null,
      // Another product nearly as likely (奶粉 in 酸奶粉 and 全脂奶粉): the clerk picks; the confidence says so.
      confidence: best ? (ranked[1] && best.confidence - ranked[1].confidence < 0.2 ? Math.min(best.confidence, 0.5) : best.confidence) : 0,
      alternatives: ranked.slice(1, 4),
    };
  });
}
