import type { KindSpec } from './kind-spec';

/** 危险源: major hazard level (GB 18218), enterprise, chemicals, risk level. */
export const hazardSpec: KindSpec = {
  kind: 'hazard',
  defaultStatus: 'active',
  phone: true,
  attrs: [
    { name: 'enterprise', type: 'text', max: 200, column: true },
    { name: 'majorLevel', type: 'enum', options: ['1', '2', '3', '4'], enumKey: 'majorLevel', column: true },
    { name: 'riskLevel', type: 'enum', options: ['major', 'high', 'medium', 'low'], enumKey: 'riskLevel', column: true },
    { name: 'chemicals', type: 'tags' },
  ],
};
