import { useCallback, useSyncExternalStore } from 'react';
import { addToBasket, BASKET_STORAGE_KEY, inBasket, parseBasket, removeFromBasket, type BasketItem } from './dispatch-basket';

export type { BasketItem } from './dispatch-basket';

const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cached: BasketItem[] = [];

function read(): BasketItem[] {
  let raw: string | null;
  try {
    raw = localStorage.getItem(BASKET_STORAGE_KEY);
  } catch {
    raw = null;
  }
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cached = parseBasket(raw);
  }
  return cached;
}

function write(list: BasketItem[]): void {
  try {
    localStorage.setItem(BASKET_STORAGE_KEY, JSON.stringify(list));
  } catch {
    // storage full or disabled: the list lives only until the page reloads
    cachedRaw = undefined;
    cached = list;
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Other tabs (e.g. the command module open beside the map) see changes through the storage event.
  const onStorage = (e: StorageEvent) => {
    if (e.key === BASKET_STORAGE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * The dispatch list (调度清单): resources picked on the One Map, kept in this browser
 * (localStorage `vigil.dispatchBasket`) for the command module to pick up.
 */
export function useDispatchBasket() {
  const items = useSyncExternalStore(subscribe, read, () => cached);
  const add = useCallback(
    (item: Omit<BasketItem, 'addedAt'>) => write(addToBasket(read(), { ...item, addedAt: new Date().toISOString() })),
    [],
  );
  const remove = useCallback((item: Pick<BasketItem, 'layer' | 'id'>) => write(removeFromBasket(read(), item)), []);
  const clear = useCallback(() => write([]), []);
  const has = useCallback((item: Pick<BasketItem, 'layer' | 'id'>) => inBasket(items, item), [items]);
  return { items, add, remove, clear, has };
}
