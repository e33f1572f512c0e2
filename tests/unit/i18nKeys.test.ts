// Every message key the renderer names in code exists in both locales: vue-i18n's types check the shape of
// en against zh-CN, not the keys passed to t(), so a typo would show the raw key on screen.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import zhCN from '../../src-renderer/src/i18n/zh-CN';
import en from '../../src-renderer/src/i18n/en';

const SRC = path.resolve(__dirname, '../../src-renderer/src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(vue|ts)$/.test(e.name) ? [p] : [];
  });
}

/** The value at a dotted key, or undefined. */
function at(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), messages);
}

/** t('a.b') / t("a.b") / $t('a.b') / i18n.global.t('a.b'): literal keys; t(`a.${x}`) : the literal prefix `a`. */
function keysIn(text: string): { literal: string[]; prefixes: string[] } {
  const literal = [...text.matchAll(/(?<![\w.])(?:\$t|t|tc|te)\(\s*(['"])([\w.-]+)\1/g)].map((m) => m[2]);
  const prefixes = [...text.matchAll(/(?<![\w.])(?:\$t|t)\(\s*`([\w.]+)\.\$\{/g)].map((m) => m[1]);
  return { literal, prefixes };
}

describe('message keys', () => {
  const found = files(SRC).map((f) => ({ file: path.relative(SRC, f), ...keysIn(fs.readFileSync(f, 'utf8')) }));

  it('finds the keys the screens use', () => {
    expect(found.reduce((n, f) => n + f.literal.length, 0)).toBeGreaterThan(300);
    expect(found.reduce((n, f) => n + f.prefixes.length, 0)).toBeGreaterThan(10);
  });

  it('every literal key is a message in zh-CN and en', () => {
    const missing = found.flatMap((f) =>
      f.literal.flatMap((k) => [
        ...(typeof at(zhCN, k) === 'string' ? [] : [`${f.file}: ${k} (zh-CN)`]),
        ...(typeof at(en, k) === 'string' ? [] : [`${f.file}: ${k} (en)`]),
      ]),
    );
    expect(missing).toEqual([]);
  });

  it('every key built from a prefix has that prefix as a group in zh-CN and en', () => {
    const missing = found.flatMap((f) =>
      f.prefixes.filter((p) => typeof at(zhCN, p) !== 'object' || typeof at(en, p) !== 'object').map((p) => `${f.file}: ${p}.*`),
    );
    expect(missing).toEqual([]);
  });
});
