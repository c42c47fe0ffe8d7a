import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

// The app's own source text (not tests, not the locale files), read through Vite's glob import.
const sources = import.meta.glob<string>(['../../**/*.{ts,tsx}', '!../../**/*.test.ts', '!../locales/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), messages);
}

function leaves(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

// Every literal key passed to t(…) (also both arms of a ternary), every menu label, and every key
// prefix the code completes at run time (t(`audit.results.${r}`)).
const code = Object.values(sources).join('\n');
const literalKeys = [
  ...code.matchAll(/\bt\(\s*'([a-zA-Z][\w.]+)'/g),
  ...code.matchAll(/labelKey: '([\w.]+)'/g),
  ...code.matchAll(/\bt\(\s*[^()]*?\?\s*'([\w.]+)'\s*:\s*'([\w.]+)'/g),
].flatMap((m) => m.slice(1).filter((k): k is string => !!k));
const templatePrefixes = [...code.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g)].map((m) => m[1]!);

describe('UI strings', () => {
  it('exist in Chinese and English for every key the code uses', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(30);
    expect(literalKeys.length).toBeGreaterThan(100);
    const missing = literalKeys.filter((k) => typeof lookup(zhCN, k) !== 'string' || typeof lookup(en, k) !== 'string');
    expect(missing).toEqual([]);
  });

  it('exist as groups for keys built at run time (results, states, levels …)', () => {
    expect(templatePrefixes.length).toBeGreaterThan(5);
    for (const p of templatePrefixes) {
      expect(typeof lookup(zhCN, p), p).toBe('object');
      expect(leaves(lookup(en, p)).sort(), p).toEqual(leaves(lookup(zhCN, p)).sort());
    }
  });

  it('have the same placeholders in both languages', () => {
    for (const key of leaves(zhCN)) {
      const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(lookup(en, key)), key).toEqual(vars(lookup(zhCN, key)));
    }
  });
});
