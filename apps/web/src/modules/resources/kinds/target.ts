import type { KindSpec } from './kind-spec';

/** 防护目标: schools, hospitals, stations … with the people they hold. */
export const targetSpec: KindSpec = {
  kind: 'target',
  defaultStatus: 'active',
  phone: true,
  attrs: [
    { name: 'population', type: 'int', unit: 'people', column: true },
    { name: 'contact', type: 'text', max: 60, column: true },
  ],
};
