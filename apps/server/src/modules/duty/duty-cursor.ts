import { z } from 'zod';
import { invalid } from '../../platform/errors.js';

/** Opaque list cursor: the last item's sort time and id. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');
}

/** Reads a cursor from `encodeCursor`; a malformed one is a 400 on `cursor`. */
export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const when = new Date(at ?? '');
  if (!id || !z.uuid().safeParse(id).success || Number.isNaN(when.getTime())) invalid('cursor', '游标无效');
  return { at: when, id };
}

/** Builds a page from `limit + 1` fetched rows. */
export function pageOf<R, T>(rows: R[], limit: number, total: number, present: (r: R) => T, key: (r: R) => [Date, string]) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor: rows.length > limit && last ? encodeCursor(...key(last)) : null,
    total,
  };
}
