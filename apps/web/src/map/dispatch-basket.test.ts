import { describe, expect, it } from 'vitest';
import { addToBasket, BASKET_LIMIT, inBasket, parseBasket, removeFromBasket, type BasketItem } from './dispatch-basket';

const item = (id: string, layer: BasketItem['layer'] = 'team'): BasketItem => ({
  layer,
  id,
  name: `队伍 ${id}`,
  location: { lng: 118.6, lat: 24.9 },
  distanceM: 1200,
  addedAt: '2026-05-01T08:00:00.000Z',
});

describe('dispatch basket', () => {
  it('adds newest first and never lists the same resource twice', () => {
    let list = addToBasket([], item('a'));
    list = addToBasket(list, item('b'));
    list = addToBasket(list, item('a'));
    expect(list.map((i) => i.id)).toEqual(['b', 'a']);
    // The same id in another layer is another resource.
    expect(addToBasket(list, item('a', 'warehouse'))).toHaveLength(3);
  });

  it('removes by layer and id', () => {
    const list = [item('a'), item('a', 'shelter'), item('b')];
    expect(removeFromBasket(list, { layer: 'team', id: 'a' }).map((i) => `${i.layer}:${i.id}`)).toEqual(['shelter:a', 'team:b']);
    expect(inBasket(list, { layer: 'shelter', id: 'a' })).toBe(true);
    expect(inBasket(list, { layer: 'expert', id: 'a' })).toBe(false);
  });

  it('keeps at most the limit', () => {
    let list: BasketItem[] = [];
    for (let i = 0; i < BASKET_LIMIT + 5; i++) list = addToBasket(list, item(String(i)));
    expect(list).toHaveLength(BASKET_LIMIT);
    expect(list[0]!.id).toBe(String(BASKET_LIMIT + 4));
  });

  it('survives broken storage', () => {
    expect(parseBasket(null)).toEqual([]);
    expect(parseBasket('{not json')).toEqual([]);
    expect(parseBasket('{"a":1}')).toEqual([]);
    expect(parseBasket(JSON.stringify([item('a'), { id: 'x' }, null]))).toEqual([item('a')]);
  });
});
