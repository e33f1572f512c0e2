// The one place personal data is masked (PIPL): results of callers without `pii.view`, and their exports.
import type { z } from 'zod';
import { piiKindOf, type PiiKind } from '@contract/pii';

/** 13812348000 → 138****8000; other lengths keep at most the last 4 characters. */
export function maskPhone(s: string): string {
  const d = s.replace(/\s+/g, '');
  if (/^1\d{10}$/.test(d)) return `${d.slice(0, 3)}****${d.slice(7)}`;
  return d.length <= 4 ? '*'.repeat(d.length) : '*'.repeat(d.length - 4) + d.slice(-4);
}

/** 张晓梅 → 张**; the first character stays so staff can still address the person. */
export const maskName = (s: string): string => (s.length <= 1 ? s : [...s][0] + '*'.repeat([...s].length - 1));

/** A street address is dropped; province, city and district are separate fields and stay. */
export const maskAddress = (s: string): string => (s ? '***' : '');

export const MASKERS: Record<PiiKind, (s: string) => string> = { name: maskName, phone: maskPhone, address: maskAddress };

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType };

/** Mask every field the schema marks with piiString(), walking objects, arrays and nullable/optional wrappers. */
export function maskBySchema(schema: z.ZodType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const kind = piiKindOf(schema);
  if (kind && typeof value === 'string') return MASKERS[kind](value);
  const def = (schema as unknown as { def: Def }).def;
  switch (def.type) {
    case 'object': {
      const shape = (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [k, s] of Object.entries(shape)) if (k in out) out[k] = maskBySchema(s, out[k]);
      return out;
    }
    case 'array':
      return (value as unknown[]).map((v) => maskBySchema(def.element!, v));
    case 'nullable':
    case 'optional':
    case 'default':
    case 'readonly':
      return maskBySchema(def.innerType!, value);
    case 'pipe':
      return maskBySchema(def.in!, value);
    default:
      return value;
  }
}
