import { ResourceListQuery } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { columnSortOrder, DEFAULT_SORT, mapFocusUrl, sortFromTable, toResourceQuery } from './resource-query';

describe('registry list query', () => {
  it('sends only the filters that are set, with the sort', () => {
    expect(toResourceQuery({ q: '  消防 ', status: '', typeCode: '42E12', divisionCode: '350582', includeArchived: false })).toEqual({
      q: '消防',
      typeCode: '42E12',
      divisionCode: '350582',
      sort: 'updatedAt',
      order: 'desc',
    });
    expect(toResourceQuery({ includeArchived: true }, { sort: 'name', order: 'asc' })).toEqual({
      includeArchived: true,
      sort: 'name',
      order: 'asc',
    });
  });

  it('asks only for what the list endpoint accepts (as the browser sends it: strings)', () => {
    const q = {
      ...toResourceQuery({ q: '消防', typeCode: '42E12', status: 'available', divisionCode: '350582', includeArchived: true }),
      limit: 20,
    };
    const asSent = Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)]));
    const parsed = ResourceListQuery.safeParse(asSent);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ includeArchived: true, sort: 'updatedAt', order: 'desc', limit: 20 });
  });

  it('turns the table sorter into the server sort and back; unsortable or cleared columns fall back to newest first', () => {
    expect(sortFromTable({ columnKey: 'name', order: 'ascend' })).toEqual({ sort: 'name', order: 'asc' });
    expect(sortFromTable([{ columnKey: 'externalCode', order: 'descend' }])).toEqual({ sort: 'externalCode', order: 'desc' });
    expect(sortFromTable({ columnKey: 'name', order: null })).toEqual(DEFAULT_SORT);
    expect(sortFromTable({ columnKey: 'status', order: 'ascend' })).toEqual(DEFAULT_SORT);
    expect(columnSortOrder({ sort: 'name', order: 'asc' }, 'name')).toBe('ascend');
    expect(columnSortOrder({ sort: 'name', order: 'asc' }, 'updatedAt')).toBeNull();
  });

  it('links a record to the One Map by kind and id', () => {
    expect(mapFocusUrl('team', 'abc')).toBe('/map?focus=team%3Aabc');
  });
});
