import { scopePaths, type Actor } from '../../platform/auth/actor.js';
import { invalid } from '../../platform/errors.js';

/** Subtrees whose reporting the actor may read; null = everywhere (the system actor). */
export function readScope(actor: Actor): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, 'incident.read');
}

/** Opaque keyset cursor: a time and an id. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; a malformed one is a 400 naming `cursor`. */
export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const d = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(d.getTime())) invalid('cursor', '游标无效');
  return { at: d, id };
}

/** A display name for the actor (audit, read receipts). */
export function actorName(actor: Actor): string {
  return actor.displayName ?? actor.username ?? '系统';
}

/** `yyyy-MM-dd HH:mm` in Beijing time (China has no daylight saving). */
export function beijingTime(d: Date): string {
  return new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
