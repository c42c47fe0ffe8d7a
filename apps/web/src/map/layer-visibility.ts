const STORAGE_KEY = 'vigil.map.layers';

/** Which catalogue layers are switched on in this browser; layers not listed are on. */
export function loadLayerVisibility(): Record<string, boolean> {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter(([, on]) => typeof on === 'boolean')) as Record<string, boolean>;
  } catch {
    return {};
  }
}

export function saveLayerVisibility(v: Record<string, boolean>): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(v));
  } catch {
    // not remembered in private mode
  }
}
