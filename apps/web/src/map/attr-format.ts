import { EQUIPMENT_TYPE_ZH, TEAM_LEVEL_ZH } from '@vigil/shared';

const ENUM_ZH: Record<string, Record<string, string>> = {
  level: { ...TEAM_LEVEL_ZH, township: '乡镇级' },
  equipmentType: EQUIPMENT_TYPE_ZH,
  riskLevel: { major: '重大', high: '较大', medium: '一般', low: '低' },
  majorLevel: { '1': '一级', '2': '二级', '3': '三级', '4': '四级' },
};

/**
 * One kind attribute as display text: lists joined with 、, equipment as "name ×n", booleans as
 * 是/否 (or Yes/No), known enums by their Chinese name; empty values as —.
 */
export function attrText(key: string, value: unknown, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return locale === 'en' ? (value ? 'Yes' : 'No') : value ? '是' : '否';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value
      .map((v) => (typeof v === 'object' && v !== null ? objectText(v as Record<string, unknown>) : attrText(key, v, locale)))
      .join('、');
  }
  if (typeof value === 'object') return objectText(value as Record<string, unknown>);
  const s =
    typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : JSON.stringify(value);
  if (locale === 'zh-CN' && ENUM_ZH[key]?.[s]) return ENUM_ZH[key][s];
  if (typeof value === 'number') return value.toLocaleString(locale);
  return s;
}

function objectText(o: Record<string, unknown>): string {
  if (typeof o.name === 'string') return typeof o.quantity === 'number' ? `${o.name} ×${o.quantity}` : o.name;
  return JSON.stringify(o);
}
