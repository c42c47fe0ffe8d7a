import type { KindSpec } from './kind-spec';

export const WAREHOUSE_LEVELS = ['provincial', 'city', 'county', 'township', 'enterprise'] as const;

/** 储备库: manager, level and floor area; holds stock lines. */
export const warehouseSpec: KindSpec = {
  kind: 'warehouse',
  defaultStatus: 'active',
  phone: true,
  stock: true,
  attrs: [
    { name: 'manager', type: 'text', max: 60, column: true },
    { name: 'level', type: 'enum', options: WAREHOUSE_LEVELS, enumKey: 'warehouseLevel', column: true },
    { name: 'areaM2', type: 'number', unit: 'm2' },
  ],
};
