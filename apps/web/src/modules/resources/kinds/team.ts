import { TEAM_LEVELS } from '@vigil/shared';
import { EVENT_CODE_PREFIXES, type KindSpec } from './kind-spec';

/** 救援队伍: level, headcount, what they can handle and what they carry. */
export const teamSpec: KindSpec = {
  kind: 'team',
  defaultStatus: 'available',
  phone: true,
  attrs: [
    { name: 'level', type: 'enum', options: TEAM_LEVELS, enumKey: 'teamLevel', required: true, column: true },
    { name: 'headcount', type: 'int', required: true, unit: 'people', column: true },
    { name: 'leader', type: 'text', max: 60 },
    { name: 'capabilities', type: 'codes', codePrefixes: EVENT_CODE_PREFIXES },
    { name: 'equipment', type: 'equipmentList' },
  ],
};
