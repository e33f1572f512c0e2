import { findPhones } from './phones';
import { resolveRegion, type RegionReading } from './resolveRegion';

/** Who and where a message says to ship to, each part as found; what is left is for the product lines. */
export interface ReceiverReading {
  name: string;
  mobile: string;
  /** A landline when one is given (with or without a mobile). */
  phone: string;
  region: RegionReading | null;
  /** The street address after the region (文三路100号3单元502). */
  detail: string;
  /** Lines and pieces of the text that were not the receiver (product lines, remarks). */
  rest: string[];
}

/** Full-width digits, letters and punctuation as ASCII (１３８ → 138, ： → :), no zero-width characters. */
export const normalizeText = (text: string) => text.normalize('NFKC').replace(/[\u200b-\u200d\ufeff]/g, '').replace(/\r\n?/g, '\n');

const LABEL = {
  name: '(?:收件人|收货人|收件|联系人|姓名|名字|客户)',
  phone: '(?:手机号码|手机号|手机|联系电话|电话号码|电话|联系方式|tel|phone|mobile)',
  address: '(?:收货地址|收件地址|详细地址|所在地区|地址|address)',
};
const ANY_LABEL = new RegExp(`(${LABEL.name}|${LABEL.phone}|${LABEL.address})\\s*[:]\\s*|(${LABEL.name}|${LABEL.phone}|${LABEL.address})\\s+`, 'gi');

// How a piece that is an address ends (文三路, 龙山村, 阳光花园), where a name would not: 路, 楼 and 区 are
// surnames too (路兰英, 楼佳怡, 区志明), so only the last character decides.
const ADDRESS_END = /[路街道号室楼栋幢村镇乡弄巷区县市省州旗院苑园座层厦场站店门湾府庭居寓舍馆]$/;
// (毛毛收) / （王女士 收）: the receiver written into the address.
const NAME_NOTE = /[(（]\s*([\u4e00-\u9fa5·]{2,8}?)\s*(?:签收|收货|收)\s*[)）]/;
// 2–4 Chinese characters, or a minority name with a middle dot (阿卜杜拉·买买提).
const NAME = /^(?:[\u4e00-\u9fa5]{2,4}|[\u4e00-\u9fa5]{2,8}[·•][\u4e00-\u9fa5]{2,8})$/;
// 张先生 / 李女士 / 王小姐 are how many receivers are written.
const TITLED = /^[\u4e00-\u9fa5]{1,2}(?:先生|女士|小姐)$/;
export const looksLikeName = (s: string) => TITLED.test(s) || (NAME.test(s) && !ADDRESS_END.test(s));

const PIECES = /[\s,，;；、|]+/;

interface Labelled {
  name?: string;
  phone?: string;
  address?: string;
  /** The text outside labelled values. */
  unlabelled: string;
}

/** Values after 收件人: / 电话: / 地址: labels, each up to the next label or the line's end. */
function readLabels(text: string): Labelled {
  const hits = [...text.matchAll(ANY_LABEL)];
  if (hits.length === 0) return { unlabelled: text };
  const out: Labelled = { unlabelled: text.slice(0, hits[0].index) };
  hits.forEach((h, i) => {
    const from = h.index + h[0].length;
    const nextLabel = i + 1 < hits.length ? hits[i + 1].index : text.length;
    const lineEnd = text.indexOf('\n', from);
    const to = Math.min(nextLabel, lineEnd === -1 ? text.length : lineEnd);
    const value = text.slice(from, to).replace(/^[\s,，;；、]+|[\s,，;；、]+$/g, '');
    const label = (h[1] ?? h[2]).toLowerCase();
    const key = new RegExp(`^${LABEL.name}$`, 'i').test(label) ? 'name' : new RegExp(`^${LABEL.phone}$`, 'i').test(label) ? 'phone' : 'address';
    if (out[key] === undefined) out[key] = value;
    else out.unlabelled += `\n${value}`;
    out.unlabelled += `\n${text.slice(to, nextLabel)}`;
  });
  return out;
}

/**
 * Reads a receiver from one message: mobile and landline anywhere (+86, spaces, dashes, full-width digits), the
 * region by resolveRegion, the street address after it, and the name before the address, after it, or after a
 * label. What is left goes to `rest`.
 */
export function readReceiver(message: string): ReceiverReading {
  let text = normalizeText(message);
  const note = text.match(NAME_NOTE);
  if (note) text = `${text.slice(0, note.index)} ${text.slice(note.index! + note[0].length)}`;
  const labelled = readLabels(text);
  const all = [labelled.name, labelled.phone, labelled.address, labelled.unlabelled].filter((s) => s !== undefined).join('\n');

  const phones = findPhones(all);
  const mobile = phones.find((p) => p.kind === 'mobile')?.value ?? '';
  const phone = phones.find((p) => p.kind === 'landline')?.value ?? '';
  const withoutPhones = (s: string) => findPhones(s).reduceRight((t, p) => `${t.slice(0, p.start)} ${t.slice(p.end)}`, s);

  // The address: the labelled one, else the line that names a region (the best reading over the lines).
  const lines = (labelled.address !== undefined ? [labelled.address] : []).concat(withoutPhones(labelled.unlabelled).split('\n'));
  let region: RegionReading | null = null;
  let addressLine = -1;
  lines.forEach((line, i) => {
    const r = resolveRegion(line);
    if (r && (!region || r.confidence > region.confidence)) {
      region = r;
      addressLine = i;
    }
  });
  const reading = region as RegionReading | null;

  let name = note ? note[1] : labelled.name !== undefined ? withoutPhones(labelled.name).trim() : '';
  let detail = '';
  const rest: string[] = [];
  lines.forEach((line, i) => {
    if (i !== addressLine) {
      const pieces = line.split(PIECES).filter(Boolean);
      if (!name) {
        const k = pieces.findIndex(looksLikeName);
        if (k >= 0) name = pieces.splice(k, 1)[0];
      }
      if (pieces.length) rest.push(pieces.join(' '));
      return;
    }
    const before = line.slice(0, reading!.start).split(PIECES).filter(Boolean);
    const after = line.slice(reading!.end).replace(/^[\s,，、:/\-]+/, '');
    // The street address runs to the line's end, less trailing pieces that are a name or a product line.
    const tail = after.split(/(\s+|[,，;；])/);
    const kept: string[] = [];
    const trailing: string[] = [];
    let inAddress = true;
    for (let k = 0; k < tail.length; k += 2) {
      const piece = tail[k];
      if (!piece) continue;
      if (inAddress && kept.length > 0 && (looksLikeName(piece) || /[x×*]\s*\d+$|\d+\s*(?:件|袋|盒|瓶|个|包|罐|箱|份|支|条|桶|套|组)$/i.test(piece))) inAddress = false;
      (inAddress ? kept : trailing).push(piece);
    }
    detail = kept.join(' ').trim();
    for (const pieces of [before, trailing]) {
      const k = name ? -1 : pieces.findIndex(looksLikeName);
      if (k >= 0) name = pieces.splice(k, 1)[0];
      if (pieces.length) rest.push(pieces.join(' '));
    }
  });
  return { name, mobile, phone, region: reading, detail, rest: rest.map((r) => r.trim()).filter(Boolean) };
}
