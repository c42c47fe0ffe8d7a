import { describe, expect, it } from 'vitest';
import { currentCursor, FIRST_PAGE, nextPage, pageNumber, prevPage } from './cursor-pages';

describe('cursor pages', () => {
  it('walks forward with the server cursors and back to the exact previous cursors', () => {
    const p2 = nextPage(FIRST_PAGE, 'c2');
    const p3 = nextPage(p2, 'c3');
    expect([pageNumber(p3), currentCursor(p3)]).toEqual([3, 'c3']);
    const back = prevPage(p3);
    expect([pageNumber(back), currentCursor(back)]).toEqual([2, 'c2']);
    expect(currentCursor(prevPage(back))).toBeUndefined();
  });

  it('stays put at the ends', () => {
    expect(prevPage(FIRST_PAGE)).toBe(FIRST_PAGE);
    const last = nextPage(FIRST_PAGE, 'c2');
    expect(nextPage(last, null)).toBe(last);
  });
});
