// The one place personal data is masked (PIPL): results of callers without `pii.view`, and their exports.
import type { z } from 'zod';
import type { Permission } from '@contract';
import { piiKindOf, requiredPermissionOf, type PiiKind } from '@contract/pii';

/** 13812348000 → 138****8000; other lengths keep at most the last 4 characters. */
export function maskPhone(s: string): string {
  const d = s.replace(/\s+/g, '');
  if (/^1\d{10}$/.test(d)) return `${d.slice(0, 3)}****${d.slice(7)}`;
  return d.length <= 4 ? '*'.repeat(d.length) : '*'.repeat(d.length - 4) + d.slice(-4);
}

/**
 * What a caller sees of personal data: 'full' with pii.view, else 'masked'. Searches take it too, since a
 * search that matches the hidden part of a value (a phone prefix) reveals it one guess at a time.
 */
export type PiiView = 'full' | 'masked';

/** How many leading characters of a name its mask shows (the surname, mostly). */
export const NAME_SHOWN_CHARS = 1;

/** 张晓梅 → 张**; the first character stays so staff can still address the person. */
export const maskName = (s: string): string => {
  const chars = [...s];
  return chars.length <= NAME_SHOWN_CHARS ? s : chars.slice(0, NAME_SHOWN_CHARS).join('') + '*'.repeat(chars.length - NAME_SHOWN_CHARS);
};

/** A street address is dropped; province, city and district are separate fields and stay. */
export const maskAddress = (s: string): string => (s ? '***' : '');

/** wxid_abc12 → wx****12: the first and last 2 characters, so staff can tell IDs apart; short IDs keep nothing. */
export const maskWechat = (s: string): string => (s.length <= 6 ? '*'.repeat(s.length) : `${s.slice(0, 2)}****${s.slice(-2)}`);

export const MASKERS: Record<PiiKind, (s: string) => string> = { name: maskName, phone: maskPhone, address: maskAddress, wechat: maskWechat };

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType };

/**
 * Redact a result for a caller: fields marked restricted() become null without their permission, and fields
 * marked piiString() are masked without pii.view. Walks objects, arrays and nullable/optional wrappers.
 */
export function redactBySchema(schema: z.ZodType, value: unknown, perms: ReadonlySet<Permission>): unknown {
  if (value === null || value === undefined) return value;
  const requires = requiredPermissionOf(schema);
  if (requires && !perms.has(requires)) return null;
  const kind = piiKindOf(schema);
  if (kind && typeof value === 'string') return perms.has('pii.view') ? value : MASKERS[kind](value);
  const def = (schema as unknown as { def: Def }).def;
  switch (def.type) {
    case 'object': {
      const shape = (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [k, s] of Object.entries(shape)) if (k in out) out[k] = redactBySchema(s, out[k], perms);
      return out;
    }
    case 'array':
      return (value as unknown[]).map((v) => redactBySchema(def.element!, v, perms));
    case 'nullable':
    case 'optional':
    case 'default':
    case 'readonly':
      return redactBySchema(def.innerType!, value, perms);
    case 'pipe':
      return redactBySchema(def.in!, value, perms);
    default:
      return value;
  }
}
