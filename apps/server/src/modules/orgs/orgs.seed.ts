import type { Platform } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import { findOrgByCode, insertOrg } from './orgs.repository.js';

interface SeedOrg {
  code: string;
  name: string;
  kind: string;
  division: string | null;
  parent: string | null;
}

const COUNTIES: [string, string, string][] = [
  ['350502', 'licheng', '鲤城区'],
  ['350503', 'fengze', '丰泽区'],
  ['350504', 'luojiang', '洛江区'],
  ['350505', 'quangang', '泉港区'],
  ['350521', 'huian', '惠安县'],
  ['350524', 'anxi', '安溪县'],
  ['350525', 'yongchun', '永春县'],
  ['350526', 'dehua', '德化县'],
  ['350581', 'shishi', '石狮市'],
  ['350582', 'jinjiang', '晋江市'],
  ['350583', 'nanan', '南安市'],
];

/** Quanzhou's emergency management org tree for the demo (codes double as ltree labels). */
export const DEMO_ORGS: SeedOrg[] = [
  { code: 'fj', name: '福建省应急管理厅', kind: 'province', division: '350000', parent: null },
  { code: 'qz', name: '泉州市应急管理局', kind: 'city', division: '350500', parent: 'fj' },
  { code: 'qz_center', name: '泉州市应急指挥中心', kind: 'department', division: '350500', parent: 'qz' },
  ...COUNTIES.map(([division, code, name]) => ({
    code: `qz_${code}`,
    name: `${name}应急管理局`,
    kind: 'county',
    division,
    parent: 'qz',
  })),
  // 金门县 is listed in GB/T 2260 but administered elsewhere: a division without an org.
  { code: 'qz_jinjiang_anhai', name: '晋江市安海镇', kind: 'township', division: null, parent: 'qz_jinjiang' },
  { code: 'qz_quangang_ent1', name: '泉港石化工业区某石化公司（演示）', kind: 'enterprise', division: '350505', parent: 'qz_quangang' },
  { code: 'qz_rescue_1', name: '泉州市危化品应急救援队（演示）', kind: 'rescue_team', division: '350500', parent: 'qz' },
];

/** Creates the demo org tree where missing. */
export async function seedDemoOrgs(platform: Platform): Promise<void> {
  const db = platform.db;
  for (const o of DEMO_ORGS) {
    if (await findOrgByCode(db, o.code)) continue;
    const parent = o.parent ? await findOrgByCode(db, o.parent) : undefined;
    await insertOrg(db, {
      id: newId(),
      parent_id: parent?.id ?? null,
      path: parent ? `${parent.path}.${o.code}` : o.code,
      name: o.name,
      kind: o.kind,
      code: o.code,
      division_code: o.division,
    });
  }
}
