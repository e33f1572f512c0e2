import { findPhones } from '../../address/phones';
import { resolveRegion } from '../../address/resolveRegion';
import { normalizeText, readReceiver, type ReceiverReading } from '../../address/readReceiver';
import { matchLines, type CatalogEntry, type LineReading } from './productLines';

/** One order as read from a pasted message, for the clerk to review before it is saved. */
export interface PastedOrder {
  /** The block of the pasted text this order was read from. */
  source: string;
  receiver: ReceiverReading;
  lines: LineReading[];
  /** Words that are neither the receiver nor a product (尽快发货, 谢谢): kept as the order's remark. */
  remark: string;
}

// A line of dashes, equals or stars, or an empty line, ends a message; so does a number starting the next (1. 2、).
const SEPARATOR_LINE = /^\s*(?:[-=*_—~]{3,}\s*)?$/;
const NUMBERED = /^\s*(?:\d{1,3}|[①-⑳])\s*[.、)）]\s*/;

/**
 * Cuts pasted text into messages: at empty or ruled lines and numbered items; a run of lines that each hold a
 * mobile and an address (one message per line, as many agents send them) is cut per line too.
 */
export function splitMessages(text: string): string[] {
  const blocks: string[][] = [[]];
  for (const raw of normalizeText(text).split('\n')) {
    if (SEPARATOR_LINE.test(raw)) {
      if (blocks[blocks.length - 1].length) blocks.push([]);
      continue;
    }
    if (NUMBERED.test(raw) && blocks[blocks.length - 1].length) blocks.push([]);
    blocks[blocks.length - 1].push(raw.replace(NUMBERED, ''));
  }
  const out: string[] = [];
  for (const lines of blocks.filter((b) => b.length)) {
    const withMobile = lines.filter((l) => findPhones(l).some((p) => p.kind === 'mobile'));
    // Several complete one-line messages (each line with a mobile also names a region): each starts one; other
    // lines (products) follow it.
    if (withMobile.length > 1 && withMobile.every((l) => resolveRegion(l))) {
      const starts = new Set(withMobile);
      let current: string[] = [];
      for (const l of lines) {
        if (starts.has(l) && current.length) {
          out.push(current.join('\n'));
          current = [];
        }
        current.push(l);
      }
      out.push(current.join('\n'));
    } else out.push(lines.join('\n'));
  }
  return out;
}

/** Reads every message of a paste: receiver, product lines matched against the catalog, remark. */
export function parsePaste(text: string, catalog: CatalogEntry[]): PastedOrder[] {
  return splitMessages(text).map((source) => {
    const receiver = readReceiver(source);
    const read = matchLines(receiver.rest, catalog);
    const lines = read.filter((l) => l.productId || l.quantityWritten);
    const remark = read.filter((l) => !l.productId && !l.quantityWritten).map((l) => l.text).join(' ');
    return { source, receiver: { ...receiver, rest: [] }, lines, remark };
  });
}
