import type { MapLayer } from '@vigil/shared';

/** One resource picked on the map for dispatch (the command module takes the list over later). */
export interface BasketItem {
  layer: MapLayer;
  id: string;
  name: string;
  location: { lng: number; lat: number };
  /** Distance from the point it was picked around, in metres, when known. */
  distanceM: number | null;
  addedAt: string;
}

export const BASKET_STORAGE_KEY = 'vigil.dispatchBasket';
export const BASKET_LIMIT = 200;

const key = (i: Pick<BasketItem, 'layer' | 'id'>) => `${i.layer}:${i.id}`;

/** Adds an item unless it is already listed; the newest first, at most BASKET_LIMIT entries. */
export function addToBasket(list: readonly BasketItem[], item: BasketItem): BasketItem[] {
  if (list.some((i) => key(i) === key(item))) return [...list];
  return [item, ...list].slice(0, BASKET_LIMIT);
}

export function removeFromBasket(list: readonly BasketItem[], item: Pick<BasketItem, 'layer' | 'id'>): BasketItem[] {
  return list.filter((i) => key(i) !== key(item));
}

export function inBasket(list: readonly BasketItem[], item: Pick<BasketItem, 'layer' | 'id'>): boolean {
  return list.some((i) => key(i) === key(item));
}

function isItem(v: unknown): v is BasketItem {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Partial<BasketItem>;
  return (
    typeof o.layer === 'string' &&
    typeof o.id === 'string' &&
    typeof o.name === 'string' &&
    typeof o.location?.lng === 'number' &&
    typeof o.location.lat === 'number'
  );
}

/** Reads the stored list, dropping anything malformed (storage is edited by hand at times). */
export function parseBasket(raw: string | null): BasketItem[] {
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter(isItem).slice(0, BASKET_LIMIT) : [];
  } catch {
    return [];
  }
}
