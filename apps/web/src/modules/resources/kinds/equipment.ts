import { EQUIPMENT_TYPES } from '@vigil/shared';
import type { KindSpec } from './kind-spec';

/** 装备: satellite phones, drones, pumps, generators, vehicles … */
export const equipmentSpec: KindSpec = {
  kind: 'equipment',
  defaultStatus: 'available',
  phone: true,
  attrs: [
    { name: 'equipmentType', type: 'enum', options: EQUIPMENT_TYPES, enumKey: 'equipmentType', required: true, column: true },
    { name: 'model', type: 'text', max: 100, column: true },
    { name: 'quantity', type: 'int', unit: 'pieces', column: true },
    { name: 'plate', type: 'text', max: 20 },
  ],
};
