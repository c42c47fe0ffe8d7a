import type { AttrField, KindSpec } from './kinds';
import type { ResourceSortField } from './resource-query';

type Translate = (key: string, opts?: Record<string, unknown>) => string;

/** A column of the registry table, before it becomes an antd column. */
export interface ColumnSpec {
  key: string;
  /** i18n key of the header. */
  titleKey: string;
  /** Server-side sort field when the column sorts. */
  sort?: ResourceSortField;
  /** Set for the kind's own attribute columns. */
  attr?: AttrField;
  width: number;
}

/** The table's columns for a kind: code, name, type, status, the kind's columns, org, last change. */
export function resourceColumns(spec: KindSpec): ColumnSpec[] {
  return [
    { key: 'externalCode', titleKey: 'resources.fields.externalCode', sort: 'externalCode', width: 140 },
    { key: 'name', titleKey: 'resources.fields.name', sort: 'name', width: 220 },
    { key: 'typeName', titleKey: 'resources.fields.typeCode', width: 150 },
    { key: 'status', titleKey: 'common.status', width: 100 },
    ...spec.attrs
      .filter((f) => f.column)
      .map((f) => ({ key: `attrs.${f.name}`, titleKey: `resources.attrs.${f.name}`, attr: f, width: f.type === 'text' ? 160 : 110 })),
    { key: 'orgName', titleKey: 'resources.fields.org', width: 160 },
    { key: 'updatedAt', titleKey: 'resources.fields.updatedAt', sort: 'updatedAt', width: 150 },
  ];
}

/** Any plain value as text (objects as JSON, so nothing prints as `[object Object]`). */
export function plainText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
  return JSON.stringify(v);
}

/** An attribute value as text for the table and the detail (`—` when empty). */
export function formatAttr(f: AttrField, v: unknown, t: Translate): string {
  if (v === null || v === undefined || v === '') return '—';
  switch (f.type) {
    case 'bool':
      return t(v ? 'resources.yes' : 'resources.no');
    case 'enum':
      return t(`resources.enums.${f.enumKey}.${plainText(v)}`, { defaultValue: plainText(v) });
    case 'int':
    case 'number':
      return typeof v === 'number' ? `${v.toLocaleString('zh-CN')}${f.unit ? ` ${t(`resources.units.${f.unit}`)}` : ''}` : plainText(v);
    case 'codes':
    case 'tags':
      return Array.isArray(v) && v.length ? v.map(plainText).join('、') : '—';
    case 'equipmentList':
      return Array.isArray(v) && v.length
        ? (v as { name?: unknown; quantity?: unknown }[]).map((r) => `${plainText(r.name)} × ${plainText(r.quantity ?? 0)}`).join('、')
        : '—';
    case 'text':
      return plainText(v);
  }
}
