/**
 * The synthetic demo monitoring network of Quanzhou: which devices stand where. Nothing here
 * describes a real installation; every name is marked 【演示】. Deterministic (seeded PRNG and
 * seeded point generation) so every install shows the same network.
 */

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoCounty {
  code: string;
  org: string;
  short: string;
}

/** The counties with a county bureau (金门县 has none). */
export const DEMO_COUNTIES: readonly DemoCounty[] = [
  { code: '350502', org: 'qz_licheng', short: '鲤城' },
  { code: '350503', org: 'qz_fengze', short: '丰泽' },
  { code: '350504', org: 'qz_luojiang', short: '洛江' },
  { code: '350505', org: 'qz_quangang', short: '泉港' },
  { code: '350521', org: 'qz_huian', short: '惠安' },
  { code: '350524', org: 'qz_anxi', short: '安溪' },
  { code: '350525', org: 'qz_yongchun', short: '永春' },
  { code: '350526', org: 'qz_dehua', short: '德化' },
  { code: '350581', org: 'qz_shishi', short: '石狮' },
  { code: '350582', org: 'qz_jinjiang', short: '晋江' },
  { code: '350583', org: 'qz_nanan', short: '南安' },
];

export const countyByCode = (code: string): DemoCounty => DEMO_COUNTIES.find((c) => c.code === code)!;

/**
 * A group of devices to place: `n` devices of a type inside a county, optionally gathered within
 * `radius` degrees of a point (a river reach, a bridge, a town centre).
 */
export interface DemoGroup {
  key: string;
  type: string;
  prefix: string;
  county: string;
  n: number;
  near: [number, number] | null;
  radius: number | null;
  site: string;
  vendor: string;
}

/** River reaches (WGS84, approximate) with the county they lie in: gauges stand along them. */
const JINJIANG_RIVER: [string, [number, number], string][] = [
  ['350525', [118.3, 25.3], '晋江东溪永春段'],
  ['350583', [118.42, 25.1], '晋江东溪南安洪濑段'],
  ['350524', [118.2, 25.06], '晋江西溪安溪段'],
  ['350583', [118.37, 24.97], '晋江西溪南安段'],
  ['350583', [118.47, 24.98], '晋江双溪口'],
  ['350502', [118.56, 24.92], '晋江鲤城段'],
  ['350503', [118.61, 24.89], '晋江丰泽段'],
  ['350582', [118.6, 24.87], '晋江下游晋江段'],
  ['350503', [118.66, 24.88], '晋江入海口'],
];
const LUOYANG_RIVER: [string, [number, number], string][] = [
  ['350504', [118.63, 25.14], '洛阳江罗溪段'],
  ['350504', [118.67, 25.04], '洛阳江河市段'],
  ['350504', [118.68, 24.96], '洛阳桥'],
];
const HILLS: [string, string][] = [
  ['350526', '德化山区'],
  ['350524', '安溪山区'],
  ['350525', '永春山区'],
];
const CITY_CORE: [string, [number, number] | null, string][] = [
  ['350502', null, '鲤城区'],
  ['350503', null, '丰泽区'],
  ['350582', null, '晋江市'],
];
const BRIDGES: [string, [number, number], string][] = [
  ['350503', [118.597, 24.897], '泉州大桥'],
  ['350503', [118.616, 24.893], '刺桐大桥'],
  ['350502', [118.584, 24.894], '顺济桥'],
  ['350503', [118.65, 24.89], '晋江大桥'],
  ['350582', [118.6, 24.874], '笋江大桥'],
];

const VENDORS = ['【演示】泉州安测科技', '【演示】闽南传感', '【演示】海西智控', '【演示】刺桐物联'];

/** The natural-hazard and lifeline groups (the hazardous-chemical devices stand at the demo enterprises). */
export function demoGroups(r: () => number): DemoGroup[] {
  const out: DemoGroup[] = [];
  const vendor = () => VENDORS[Math.floor(r() * VENDORS.length)]!;
  const add = (
    type: string,
    prefix: string,
    county: string,
    n: number,
    near: [number, number] | null,
    radius: number | null,
    site: string,
  ) => out.push({ key: `${prefix}|${out.length}`, type, prefix, county, n, near, radius, site, vendor: vendor() });
  for (const [c, p, site] of JINJIANG_RIVER) {
    add('rain_gauge', 'RG', c, 2, p, 0.03, site);
    add('water_level_station', 'WL', c, 2, p, 0.01, site);
  }
  for (const [c, p, site] of LUOYANG_RIVER) {
    add('rain_gauge', 'RG', c, 3, p, 0.03, site);
    add('water_level_station', 'WL', c, 2, p, 0.01, site);
  }
  for (const c of DEMO_COUNTIES) add('weather_station', 'AWS', c.code, 1, null, null, `${c.short}气象观测点`);
  for (const c of DEMO_COUNTIES) add('rain_gauge', 'RG', c.code, 1, null, null, `${c.short}城区`);
  for (const [c, site] of HILLS) add('landslide_monitor', 'LS', c, 15, null, null, site);
  for (const c of DEMO_COUNTIES) add('seismic_intensity_meter', 'SM', c.code, 1, null, null, `${c.short}地震台`);
  for (const [c, p, site] of BRIDGES) add('bridge_shm', 'BR', c, 4, p, 0.004, site);
  for (const [c, p, site] of CITY_CORE) {
    add('gas_pipeline_monitor', 'GP', c, 10, p, null, `${site}中压燃气管网`);
    add('manhole_gas_monitor', 'MH', c, 8, p, null, `${site}窨井`);
    add('building_tilt_monitor', 'BT', c, 5, p, null, `${site}老旧建筑`);
  }
  add('utility_tunnel_monitor', 'UT', '350503', 5, [118.64, 24.93], 0.03, '东海片区综合管廊');
  add('utility_tunnel_monitor', 'UT', '350582', 5, [118.58, 24.8], 0.04, '晋江综合管廊');
  return out;
}

/** Devices of one demo hazardous-chemical enterprise (placed within ~200 m of it). */
export function enterpriseDevices(r: () => number): { type: string; prefix: string }[] {
  const list: { type: string; prefix: string }[] = [];
  const tanks = 1 + Math.floor(r() * 3);
  for (let i = 0; i < tanks; i++) list.push({ type: 'tank_monitor', prefix: 'TK' });
  const lel = 1 + Math.floor(r() * 3);
  for (let i = 0; i < lel; i++) list.push({ type: 'combustible_gas_detector', prefix: 'LEL' });
  if (r() < 0.6) list.push({ type: 'toxic_gas_detector', prefix: 'TOX' });
  if (r() < 0.35) list.push({ type: 'process_monitor', prefix: 'PRC' });
  if (r() < 0.4) list.push({ type: 'emergency_valve', prefix: 'VLV' });
  if (r() < 0.25) list.push({ type: 'sis_interlock', prefix: 'SIS' });
  return list;
}

/** The demo major hazard installations: substances held and people within 500 m. */
export const DEMO_INSTALLATIONS: { name: string; people: number; substances: { name: string; q: number }[] }[] = [
  { name: '液化石油气球罐区', people: 120, substances: [{ name: '液化石油气', q: 1800 }] },
  { name: '液氨储罐区', people: 60, substances: [{ name: '液氨', q: 240 }] },
  {
    name: '汽油储罐区',
    people: 35,
    substances: [
      { name: '汽油', q: 2600 },
      { name: '苯', q: 120 },
    ],
  },
  { name: '乙烯球罐区', people: 15, substances: [{ name: '乙烯', q: 900 }] },
  { name: '甲醇储罐区', people: 0, substances: [{ name: '甲醇', q: 3000 }] },
  { name: '液氯储存仓库', people: 80, substances: [{ name: '液氯', q: 90 }] },
  {
    name: '芳烃装置区',
    people: 10,
    substances: [
      { name: '苯', q: 60 },
      { name: '甲苯', q: 300 },
    ],
  },
  {
    name: '苯乙烯储罐区',
    people: 40,
    substances: [
      { name: '苯乙烯', q: 3500 },
      { name: '1,3-丁二烯', q: 20 },
    ],
  },
];
