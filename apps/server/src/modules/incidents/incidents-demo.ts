/**
 * The demo month of Quanzhou incidents: templates and a seeded random generator, so every demo
 * install shows the same realistic mix (fires, road traffic, hazardous chemicals, typhoon and
 * rainstorm, landslides, public health…), mostly grade IV, spread over the eleven counties.
 */
import type { IncidentSource, IncidentStatus } from '@vigil/shared';

/** A small deterministic PRNG (mulberry32). */
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
  org: string;
  division: string;
  name: string;
  towns: string[];
  /** Fallback points known to lie inside the county (label points first). */
  coastal: boolean;
  mountain: boolean;
}

export const DEMO_COUNTIES: DemoCounty[] = [
  { org: 'qz_licheng', division: '350502', name: '鲤城区', towns: ['开元街道', '江南街道', '浮桥街道'], coastal: false, mountain: false },
  { org: 'qz_fengze', division: '350503', name: '丰泽区', towns: ['东海街道', '城东街道', '清源街道'], coastal: true, mountain: false },
  { org: 'qz_luojiang', division: '350504', name: '洛江区', towns: ['河市镇', '马甲镇', '双阳街道'], coastal: false, mountain: true },
  { org: 'qz_quangang', division: '350505', name: '泉港区', towns: ['山腰街道', '南埔镇', '后龙镇'], coastal: true, mountain: false },
  { org: 'qz_huian', division: '350521', name: '惠安县', towns: ['螺城镇', '崇武镇', '东岭镇'], coastal: true, mountain: false },
  { org: 'qz_anxi', division: '350524', name: '安溪县', towns: ['凤城镇', '蓬莱镇', '龙门镇'], coastal: false, mountain: true },
  { org: 'qz_yongchun', division: '350525', name: '永春县', towns: ['桃城镇', '五里街镇', '蓬壶镇'], coastal: false, mountain: true },
  { org: 'qz_dehua', division: '350526', name: '德化县', towns: ['浔中镇', '龙浔镇', '三班镇'], coastal: false, mountain: true },
  { org: 'qz_shishi', division: '350581', name: '石狮市', towns: ['宝盖镇', '祥芝镇', '鸿山镇'], coastal: true, mountain: false },
  { org: 'qz_jinjiang', division: '350582', name: '晋江市', towns: ['安海镇', '陈埭镇', '深沪镇'], coastal: true, mountain: false },
  { org: 'qz_nanan', division: '350583', name: '南安市', towns: ['水头镇', '官桥镇', '省新镇'], coastal: true, mountain: true },
];

interface Harm {
  dead?: number;
  missing?: number;
  seriouslyInjured?: number;
  lightlyInjured?: number;
  directLossYuan?: number;
  affected?: number;
  evacuated?: number;
}

export interface DemoTemplate {
  code: string;
  weight: number;
  where?: 'coastal' | 'mountain' | 'quangang';
  source: IncidentSource;
  title: (c: DemoCounty, town: string, r: () => number) => string;
  harm: (r: () => number) => Harm;
}

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const ROADS = ['沈海高速', '泉南高速', '国道324线', '泉三高速', '省道306线', '泉州环城高速'];
const FACTORIES = ['鞋服', '陶瓷', '纺织', '食品', '石材', '包装'];

/** Incident kinds with their relative frequency in a Quanzhou month. */
export const DEMO_TEMPLATES: DemoTemplate[] = [
  {
    code: '12G03',
    weight: 8,
    source: 'hotline_system',
    title: (c, t) => `${c.name}${t}居民楼火灾`,
    harm: (r) => ({ lightlyInjured: int(r, 0, 2), directLossYuan: int(r, 2, 60) * 1000 }),
  },
  {
    code: '12G01',
    weight: 5,
    source: 'hotline_system',
    title: (c, t, r) => `${c.name}${t}某${pick(FACTORIES, r)}厂房火灾`,
    harm: (r) => ({ seriouslyInjured: int(r, 0, 1), directLossYuan: int(r, 10, 300) * 10_000 }),
  },
  {
    code: '12H02',
    weight: 9,
    source: 'phone',
    title: (_c, _t, r) => `${pick(ROADS, r)}两车相撞交通事故`,
    harm: (r) => ({ dead: r() < 0.3 ? 1 : 0, seriouslyInjured: int(r, 0, 2), lightlyInjured: int(r, 0, 4) }),
  },
  {
    code: '12H01',
    weight: 4,
    source: 'phone',
    title: (_c, _t, r) => `${pick(ROADS, r)}货车侧翻事故`,
    harm: (r) => ({ seriouslyInjured: int(r, 0, 1), lightlyInjured: int(r, 0, 2), directLossYuan: int(r, 5, 40) * 10_000 }),
  },
  {
    code: '12D02',
    weight: 2,
    where: 'quangang',
    source: 'sensor_alarm',
    title: (_c, _t, r) => `泉港石化园区${pick(['苯乙烯', '液化石油气', '丙烯', '硫化氢'], r)}泄漏`,
    harm: (r) => ({ lightlyInjured: int(r, 0, 3), evacuated: int(r, 0, 200) }),
  },
  {
    code: '12D03',
    weight: 1,
    where: 'quangang',
    source: 'sensor_alarm',
    title: () => '泉港石化园区储罐区火灾',
    harm: (r) => ({ seriouslyInjured: int(r, 0, 2), directLossYuan: int(r, 50, 500) * 10_000 }),
  },
  {
    code: '12C01',
    weight: 4,
    source: 'lower_report',
    title: (c, t) => `${c.name}${t}在建工地高处坠落事故`,
    harm: (r) => ({ dead: r() < 0.5 ? 1 : 0, seriouslyInjured: int(r, 0, 1) }),
  },
  {
    code: '12N05',
    weight: 2,
    source: 'lower_report',
    title: (c, t) => `${c.name}${t}塔吊倾覆事故`,
    harm: (r) => ({ dead: int(r, 0, 1), seriouslyInjured: int(r, 0, 2) }),
  },
  {
    code: '12J01',
    weight: 3,
    where: 'coastal',
    source: 'upper_notice',
    title: (c, t) => `${c.name}${t}附近海域渔船碰撞`,
    harm: (r) => ({ missing: int(r, 0, 2), directLossYuan: int(r, 10, 80) * 10_000 }),
  },
  {
    code: '11B01',
    weight: 3,
    where: 'coastal',
    source: 'upper_notice',
    title: (c) => `台风影响${c.name}沿海，转移安置群众`,
    harm: (r) => ({ affected: int(r, 500, 8000), evacuated: int(r, 200, 3000), directLossYuan: int(r, 20, 400) * 10_000 }),
  },
  {
    code: '11A02',
    weight: 4,
    source: 'public',
    title: (c, t) => `${c.name}${t}短时强降雨城区内涝`,
    harm: (r) => ({ affected: int(r, 50, 800), evacuated: int(r, 0, 120) }),
  },
  {
    code: '11D01',
    weight: 4,
    where: 'mountain',
    source: 'lower_report',
    title: (c, t) => `${c.name}${t}山体滑坡`,
    harm: (r) => ({ dead: r() < 0.15 ? 1 : 0, evacuated: int(r, 5, 60), directLossYuan: int(r, 5, 120) * 10_000 }),
  },
  {
    code: '11D03',
    weight: 2,
    where: 'mountain',
    source: 'lower_report',
    title: (c, t) => `${c.name}${t}边坡崩塌堵塞道路`,
    harm: (r) => ({ evacuated: int(r, 0, 20), directLossYuan: int(r, 2, 30) * 10_000 }),
  },
  {
    code: '11G01',
    weight: 3,
    where: 'mountain',
    source: 'public',
    title: (c, t) => `${c.name}${t}森林火情`,
    harm: (r) => ({ directLossYuan: int(r, 1, 20) * 10_000 }),
  },
  {
    code: '13B03',
    weight: 2,
    source: 'lower_report',
    title: (c, t) => `${c.name}${t}某学校食堂疑似食物中毒`,
    harm: (r) => ({ lightlyInjured: int(r, 12, 45) }),
  },
  {
    code: '13C03',
    weight: 2,
    source: 'phone',
    title: (c, t) => `${c.name}${t}居民家中一氧化碳中毒`,
    harm: (r) => ({ dead: r() < 0.3 ? 1 : 0, seriouslyInjured: int(r, 1, 2) }),
  },
  {
    code: '12P08',
    weight: 2,
    source: 'hotline_system',
    title: (c, t) => `${c.name}${t}大面积停电`,
    harm: (r) => ({ affected: int(r, 1000, 20000) }),
  },
];

/** Hand-set severe incidents so the demo shows grades III and II. */
export const DEMO_SEVERE: { code: string; county: string; title: string; harm: Harm; daysAgo: number; status: IncidentStatus }[] = [
  {
    code: '12G01',
    county: 'qz_jinjiang',
    title: '晋江市陈埭镇某鞋业公司厂房火灾',
    harm: { dead: 4, seriouslyInjured: 6, directLossYuan: 8_600_000 },
    daysAgo: 21,
    status: 'closed',
  },
  {
    code: '12H02',
    county: 'qz_nanan',
    title: '沈海高速南安段多车相撞事故',
    harm: { dead: 3, seriouslyInjured: 12, lightlyInjured: 9 },
    daysAgo: 14,
    status: 'closed',
  },
  {
    code: '12D01',
    county: 'qz_quangang',
    title: '泉港石化园区某企业装置爆炸',
    harm: { dead: 2, seriouslyInjured: 11, directLossYuan: 32_000_000 },
    daysAgo: 9,
    status: 'closed',
  },
  {
    code: '11D02',
    county: 'qz_dehua',
    title: '德化县三班镇暴雨引发泥石流',
    harm: { dead: 6, missing: 5, evacuated: 1200, directLossYuan: 6_300_000 },
    daysAgo: 5,
    status: 'responding',
  },
  {
    code: '12C01',
    county: 'qz_fengze',
    title: '丰泽区东海街道在建商业综合体坍塌事故',
    harm: { dead: 3, seriouslyInjured: 4 },
    daysAgo: 1.5,
    status: 'verified',
  },
];
