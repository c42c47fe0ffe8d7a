import { EVENT_CODE_PREFIXES, type KindSpec } from './kind-spec';

/** 专家: specialties, employer and title; phone and ID number sealed. */
export const expertSpec: KindSpec = {
  kind: 'expert',
  defaultStatus: 'available',
  phone: false,
  sealedContact: true,
  attrs: [
    { name: 'employer', type: 'text', max: 200, column: true },
    { name: 'title', type: 'text', max: 60, column: true },
    { name: 'specialties', type: 'codes', codePrefixes: EVENT_CODE_PREFIXES },
  ],
};
