import { sql, type RawBuilder } from 'kysely';
import { scopePaths, type Actor } from '../../platform/auth/actor.js';
import { pathWithin } from '../../platform/db/scope-sql.js';

/** Org subtrees whose resources the actor may see on the map; null = everywhere (the system actor). */
export function resourceScope(actor: Actor): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, 'resource.read');
}

/** Org subtrees whose incidents the actor may see on the map; null = everywhere. */
export function incidentScope(actor: Actor): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, 'incident.read');
}

/** `column` lies in one of the subtrees (GiST-indexed ltree test); null = no restriction. */
export function inScope(column: string, paths: readonly string[] | null): RawBuilder<boolean> {
  return paths === null ? sql<boolean>`true` : pathWithin(column, paths);
}
