/**
 * Page navigation over cursor-paged lists (`{items, nextCursor, total}`): a stack of the cursors
 * that led to each page, so "previous" works without offsets.
 */
export interface CursorPages {
  /** Cursors of the pages visited so far; the last one is the current page's (undefined = first page). */
  stack: (string | undefined)[];
}

export const FIRST_PAGE: CursorPages = { stack: [undefined] };

/** The cursor to request the current page with. */
export function currentCursor(p: CursorPages): string | undefined {
  return p.stack[p.stack.length - 1];
}

/** 1-based number of the current page. */
export function pageNumber(p: CursorPages): number {
  return p.stack.length;
}

/** Moves to the page after the current one; unchanged when there is none. */
export function nextPage(p: CursorPages, nextCursor: string | null | undefined): CursorPages {
  return nextCursor ? { stack: [...p.stack, nextCursor] } : p;
}

/** Moves back one page; unchanged on the first page. */
export function prevPage(p: CursorPages): CursorPages {
  return p.stack.length > 1 ? { stack: p.stack.slice(0, -1) } : p;
}
