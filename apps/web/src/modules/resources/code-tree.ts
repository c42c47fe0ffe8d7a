import type { CodeNodeDto } from '@vigil/shared';

/** The code whose children are the first level of a kind's type picker: `42E` → `42E00`, `4` → `40000`. */
export function rootCodeOf(prefix: string): string {
  return prefix.padEnd(5, '0');
}

/** Whether a code belongs under one of the prefixes. */
export function hasPrefix(code: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => code.startsWith(p));
}

/** Search hits limited to the prefixes, without the roots themselves (`42E00` is a group, not a type). */
export function filterHits(hits: CodeNodeDto[], prefixes: readonly string[]): CodeNodeDto[] {
  const roots = new Set(prefixes.map(rootCodeOf));
  return hits.filter((c) => hasPrefix(c.code, prefixes) && !roots.has(c.code));
}

/** `42E12 路桥抢修队` */
export const codeLabel = (c: Pick<CodeNodeDto, 'code' | 'name'>) => `${c.code} ${c.name}`;
