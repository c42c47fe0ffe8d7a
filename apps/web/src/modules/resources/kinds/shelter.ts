import type { KindSpec } from './kind-spec';

/** 避难场所: class, indoor/outdoor, capacity and current occupancy, area, service radius, facilities. */
export const shelterSpec: KindSpec = {
  kind: 'shelter',
  defaultStatus: 'open',
  phone: true,
  attrs: [
    { name: 'shelterClass', type: 'enum', options: ['I', 'II', 'III'], enumKey: 'shelterClass', required: true, column: true },
    { name: 'indoor', type: 'bool', column: true },
    { name: 'capacity', type: 'int', required: true, unit: 'people', column: true },
    { name: 'occupancy', type: 'int', unit: 'people', column: true },
    { name: 'effectiveAreaM2', type: 'number', unit: 'm2' },
    { name: 'serviceRadiusM', type: 'number', unit: 'm' },
    { name: 'facilities', type: 'tags' },
  ],
};
