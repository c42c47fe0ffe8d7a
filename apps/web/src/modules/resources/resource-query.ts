import type { Query } from '../../lib/api';

/** What the filter bar holds. */
export interface ResourceFilterValues {
  q?: string;
  typeCode?: string;
  status?: string;
  divisionCode?: string;
  includeArchived?: boolean;
}

export type ResourceSortField = 'name' | 'externalCode' | 'updatedAt';
export interface ResourceSort {
  sort: ResourceSortField;
  order: 'asc' | 'desc';
}

export const DEFAULT_SORT: ResourceSort = { sort: 'updatedAt', order: 'desc' };
const SORTABLE: readonly string[] = ['name', 'externalCode', 'updatedAt'];

/** The filter bar → query parameters of `GET /resources/:kind` (and its export). Blank values are dropped. */
export function toResourceQuery(f: ResourceFilterValues, s: ResourceSort = DEFAULT_SORT): Query {
  const q: Query = { sort: s.sort, order: s.order };
  const text = f.q?.trim();
  if (text) q.q = text;
  if (f.typeCode) q.typeCode = f.typeCode;
  if (f.status) q.status = f.status;
  if (f.divisionCode) q.divisionCode = f.divisionCode;
  if (f.includeArchived) q.includeArchived = true;
  return q;
}

/** An antd table sorter (`{columnKey, order: 'ascend' | 'descend' | null}`) → the server's sort; default when cleared. */
export function sortFromTable(sorter: unknown): ResourceSort {
  const one = (Array.isArray(sorter) ? sorter[0] : sorter) as { columnKey?: unknown; field?: unknown; order?: unknown } | undefined;
  const raw = one?.columnKey ?? one?.field;
  const key = typeof raw === 'string' ? raw : '';
  if (!one?.order || !SORTABLE.includes(key)) return DEFAULT_SORT;
  return { sort: key as ResourceSortField, order: one.order === 'ascend' ? 'asc' : 'desc' };
}

/** The sort order a column shows (antd `sortOrder`). */
export function columnSortOrder(s: ResourceSort, key: ResourceSortField): 'ascend' | 'descend' | null {
  return s.sort === key ? (s.order === 'asc' ? 'ascend' : 'descend') : null;
}

/** Link to a record on the One Map. */
export function mapFocusUrl(kind: string, id: string): string {
  return `/map?focus=${encodeURIComponent(`${kind}:${id}`)}`;
}
