import type { OrgDto } from '@vigil/shared';
import type { Platform } from '../../platform/ctx.js';

/**
 * Org lists, reused for `ORG_LIST_CACHE_MS`: every org picker and page header asks for them and
 * the tree changes a few times a year. Scoped by the caller's key (the visible subtrees and the
 * filters). Any `org.*` event clears the lists on every instance (broadcast, after commit); a
 * write also clears them here at once. A generation number keeps a list read while a write was
 * committing from being stored after the clear.
 */
interface Entry {
  until: number;
  generation: number;
  items: readonly OrgDto[];
}

interface State {
  generation: number;
  entries: Map<string, Entry>;
}

const MAX_ENTRIES = 1_000;
const states = new WeakMap<Platform, State>();

function stateOf(platform: Platform): State {
  let s = states.get(platform);
  if (!s) {
    const state: State = { generation: 0, entries: new Map() };
    platform.bus.subscribeBroadcast((e) => {
      if (e.name.startsWith('org.')) forget(state);
    });
    states.set(platform, state);
    s = state;
  }
  return s;
}

function forget(s: State): void {
  s.generation++;
  s.entries.clear();
}

/** Drops every cached org list of this instance (called by org writes, before their commit). */
export function invalidateOrgLists(platform: Platform): void {
  const s = states.get(platform);
  if (s) forget(s);
}

/** The list for `key`, from the cache or from `load` (a copy of the cached array; the DTOs themselves are shared, never change them). */
export async function cachedOrgList(platform: Platform, key: string, load: () => Promise<OrgDto[]>): Promise<OrgDto[]> {
  const ttl = platform.config.ORG_LIST_CACHE_MS;
  if (ttl <= 0) return load();
  const s = stateOf(platform);
  const hit = s.entries.get(key);
  const now = Date.now();
  if (hit && hit.generation === s.generation && hit.until > now) return hit.items.slice();
  const generation = s.generation;
  const items = await load();
  if (s.generation === generation) {
    if (s.entries.size >= MAX_ENTRIES) s.entries.clear();
    s.entries.set(key, { until: now + ttl, generation, items });
  }
  return items;
}
