import type { ResourceKind } from '@vigil/shared';
import { newId } from '../../platform/ids.js';
import type { ResourceUpsertRow, StockUpsertRow } from './resource-import.repository.js';

/**
 * The synthetic demo resource catalogue of Quanzhou (names, codes, attributes). Every name is
 * marked 【演示】; nothing here describes a real team, company or person.
 */

/** Deterministic PRNG (mulberry32): the same demo set on every install. */
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
  name: string;
  /** Short name used in generated names (晋江, 泉港…). */
  short: string;
}

/** Counties with a county bureau (金门县 has none and gets no demo resources). */
export const DEMO_COUNTIES: DemoCounty[] = [
  { code: '350502', org: 'qz_licheng', name: '鲤城区', short: '鲤城' },
  { code: '350503', org: 'qz_fengze', name: '丰泽区', short: '丰泽' },
  { code: '350504', org: 'qz_luojiang', name: '洛江区', short: '洛江' },
  { code: '350505', org: 'qz_quangang', name: '泉港区', short: '泉港' },
  { code: '350521', org: 'qz_huian', name: '惠安县', short: '惠安' },
  { code: '350524', org: 'qz_anxi', name: '安溪县', short: '安溪' },
  { code: '350525', org: 'qz_yongchun', name: '永春县', short: '永春' },
  { code: '350526', org: 'qz_dehua', name: '德化县', short: '德化' },
  { code: '350581', org: 'qz_shishi', name: '石狮市', short: '石狮' },
  { code: '350582', org: 'qz_jinjiang', name: '晋江市', short: '晋江' },
  { code: '350583', org: 'qz_nanan', name: '南安市', short: '南安' },
];

export interface DemoItem {
  kind: ResourceKind;
  code: string;
  name: string;
  typeCode: string;
  status: string;
  /** County the point is generated in; the owning org is that county's bureau or the city. */
  county: string;
  org: string;
  /** Cluster the point near this division's label (hazards of the petrochemical areas). */
  near?: string;
  address: string | null;
  phone: string | null;
  attrs: Record<string, unknown>;
  contact?: { phone: string };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pad = (n: number, w = 3) => String(n).padStart(w, '0');
const STREETS = ['温陵路', '丰泽街', '刺桐路', '津淮街', '泉秀路', '田安路', '宝洲街', '东海大街', '滨江路', '世纪大道'];
const address = (r: () => number, c: DemoCounty) => `${c.name}${pick(r, STREETS)}${int(r, 1, 399)}号`;
const phone = (r: () => number) => `0595-${int(r, 22000000, 28999999)}`;
const CITY_CORE = ['350503', '350502'];
/** City-level resources stand in the central districts. */
const cityCore = (r: () => number): DemoCounty => {
  const code = pick(r, CITY_CORE);
  return DEMO_COUNTIES.find((x) => x.code === code)!;
};
const CAPS = ['11A01', '11A02', '11B01', '11B03', '11D01', '11G01', '12D01', '12D02', '12D03'];
const CHEMICALS = ['苯', '甲苯', '二甲苯', '液化石油气', '丙烯', '乙烯', '液氨', '汽油', '柴油', '甲醇', '硫酸'];

function teams(r: () => number): DemoItem[] {
  const out: DemoItem[] = [];
  let n = 0;
  const add = (c: DemoCounty | null, name: string, typeCode: string, level: string, lo: number, hi: number) => {
    const county = c ?? cityCore(r);
    const status = r() < 0.8 ? 'available' : r() < 0.5 ? 'on_mission' : 'resting';
    out.push({
      kind: 'team',
      code: `DEMO-TEAM-${pad(++n)}`,
      name: `【演示】${name}`,
      typeCode,
      status,
      county: county.code,
      org: c ? c.org : 'qz',
      address: address(r, county),
      phone: phone(r),
      attrs: {
        level,
        headcount: int(r, lo, hi),
        capabilities: [...new Set([pick(r, CAPS), pick(r, CAPS)])].sort(),
        equipment: [
          { name: '冲锋舟', quantity: int(r, 1, 4) },
          { name: '发电机', quantity: int(r, 1, 3) },
        ],
        leader: `${pick(r, SURNAMES)}队长`,
      },
    });
  };
  for (const [name, code] of [
    ['泉州市消防救援支队特勤站', '42E99'],
    ['泉州市消防救援支队丰泽中队', '42E99'],
    ['泉州市危化品应急救援队', '42E99'],
    ['泉州市电力应急抢修队', '42E17'],
    ['泉州市供水应急抢修队', '42E19'],
    ['泉州市通信保障应急队', '42E16'],
    ['泉州市路桥应急抢修队', '42E15'],
    ['泉州市森林消防专业队', '42E12'],
  ] as const)
    add(null, name, code, 'city', 30, 120);
  for (const c of DEMO_COUNTIES) {
    add(c, `${c.short}消防救援大队`, '42E99', 'county', 30, 80);
    add(c, `${c.short}蓝天救援队`, '42E99', 'volunteer', 15, 60);
    add(c, `${c.short}森林消防专业队`, '42E12', 'county', 20, 50);
    add(c, `${c.short}排水抢险队`, '42E20', 'county', 10, 30);
    add(c, `${c.short}供电抢修队`, '42E17', 'enterprise', 10, 40);
  }
  return out;
}

function warehouses(r: () => number): DemoItem[] {
  const out: DemoItem[] = [];
  let n = 0;
  const add = (c: DemoCounty | null, name: string, typeCode: string, level: string) => {
    const county = c ?? cityCore(r);
    out.push({
      kind: 'warehouse',
      code: `DEMO-WH-${pad(++n)}`,
      name: `【演示】${name}`,
      typeCode,
      status: r() < 0.95 ? 'active' : 'inactive',
      county: county.code,
      org: c ? c.org : 'qz',
      address: address(r, county),
      phone: phone(r),
      attrs: { manager: `${pick(r, SURNAMES)}${pick(r, GIVEN)}`, level, areaM2: int(r, 3, 40) * 100 },
    });
  };
  for (const name of ['泉州市应急物资储备库', '泉州市防汛抗旱物资仓库', '泉州市救灾物资储备中心', '泉州市危化品救援物资库'])
    add(null, name, name.includes('防汛') ? '43B01' : name.includes('危化') ? '43B06' : '43C00', 'city');
  for (const c of DEMO_COUNTIES) {
    add(c, `${c.short}应急物资储备库`, '43C00', 'county');
    add(c, `${c.short}防汛抗旱物资仓库`, '43B01', 'county');
    add(c, `${c.short}中心镇应急物资储备点`, '43C00', 'township');
  }
  return out;
}

function shelters(r: () => number): DemoItem[] {
  const places = [
    '中心广场',
    '体育公园',
    '第一中学操场',
    '人民公园',
    '文化中心',
    '滨江公园',
    '社区广场',
    '体育馆',
    '实验小学',
    '森林公园',
    '市民广场',
  ];
  const out: DemoItem[] = [];
  let n = 0;
  for (const c of DEMO_COUNTIES)
    for (let i = 0; i < 11; i++) {
      const place = places[i]!;
      const indoor = place.includes('馆') || place.includes('小学') || place.includes('中心');
      const capacity = int(r, 5, 80) * 100;
      const status = r() < 0.85 ? 'open' : r() < 0.5 ? 'full' : 'closed';
      out.push({
        kind: 'shelter',
        code: `DEMO-SH-${pad(++n)}`,
        name: `【演示】${c.short}${place}应急避难场所`,
        typeCode: indoor ? '47A99' : '47A02',
        status,
        county: c.code,
        org: c.org,
        address: address(r, c),
        phone: phone(r),
        attrs: {
          shelterClass: capacity > 5000 ? 'I' : capacity > 2000 ? 'II' : 'III',
          indoor,
          capacity,
          occupancy: status === 'full' ? capacity : status === 'open' && r() < 0.2 ? int(r, 0, capacity / 2) : 0,
          effectiveAreaM2: capacity * 2,
          serviceRadiusM: int(r, 5, 20) * 100,
          facilities: ['应急供水', '应急厕所', '应急照明', ...(indoor ? ['应急医疗'] : ['应急棚宿区'])],
        },
      });
    }
  return out;
}

function hazards(r: () => number): DemoItem[] {
  const out: DemoItem[] = [];
  let n = 0;
  const add = (c: DemoCounty, name: string, typeCode: string, near: string | undefined, enterprise: string, major: boolean) => {
    out.push({
      kind: 'hazard',
      code: `DEMO-HZ-${pad(++n)}`,
      name: `【演示】${name}`,
      typeCode,
      status: r() < 0.95 ? 'active' : 'inactive',
      county: c.code,
      org: c.org,
      ...(near ? { near } : {}),
      address: address(r, c),
      phone: phone(r),
      attrs: {
        majorLevel: major ? pick(r, ['1', '2', '3', '4']) : null,
        enterprise: `【演示】${enterprise}`,
        chemicals: [...new Set([pick(r, CHEMICALS), pick(r, CHEMICALS)])],
        riskLevel: major ? pick(r, ['major', 'high']) : pick(r, ['medium', 'low']),
      },
    });
  };
  const parts: [string, string][] = [
    ['储罐区', '22A01'],
    ['装置区', '22A03'],
    ['危化品仓库', '22A02'],
    ['压力管道', '22A04'],
    ['压力容器', '22A06'],
  ];
  const quangang = DEMO_COUNTIES.find((c) => c.code === '350505')!;
  const huian = DEMO_COUNTIES.find((c) => c.code === '350521')!;
  // 泉港石化工业区: ~150 sources around the district's centre; 泉惠石化园区: ~90 on the 惠安 side of the border.
  for (let i = 1; i <= 150; i++) {
    const [part, code] = parts[i % parts.length]!;
    add(
      quangang,
      `泉港石化工业区${pad(Math.ceil(i / 5), 2)}号企业${part}`,
      code,
      '350505',
      `泉港石化企业${pad(Math.ceil(i / 5), 2)}`,
      r() < 0.3,
    );
  }
  for (let i = 1; i <= 90; i++) {
    const [part, code] = parts[i % parts.length]!;
    add(
      huian,
      `泉惠石化园区${pad(Math.ceil(i / 5), 2)}号企业${part}`,
      code,
      '350505',
      `泉惠石化企业${pad(Math.ceil(i / 5), 2)}`,
      r() < 0.3,
    );
  }
  for (const c of DEMO_COUNTIES) {
    for (let i = 1; i <= 4; i++) add(c, `${c.short}加油站${pad(i, 2)}`, '22A11', undefined, `${c.short}某石油销售公司`, false);
    add(c, `${c.short}液化气充装站`, '22A10', undefined, `${c.short}某燃气公司`, r() < 0.3);
  }
  return out;
}

function targets(r: () => number): DemoItem[] {
  const kinds: [string, string, number][] = [
    ['实验小学', '31B06', 1500],
    ['第二小学', '31B06', 1200],
    ['第一中学', '31B05', 2000],
    ['第二中学', '31B05', 1800],
    ['第一高级中学', '31B02', 2500],
    ['中心幼儿园', '31B07', 400],
    ['第二幼儿园', '31B07', 300],
    ['人民医院', '31H99', 3000],
    ['中医院', '31H99', 1500],
    ['妇幼保健院', '31H99', 800],
    ['火车站', '32C02', 5000],
    ['110kV 变电站', '32G05', 20],
    ['万达广场', '31F02', 8000],
    ['体育馆', '31F99', 6000],
    ['水库', '32F01', 30],
  ];
  const out: DemoItem[] = [];
  let n = 0;
  for (const c of DEMO_COUNTIES)
    for (let round = 0; round < 4; round++)
      for (const [label, code, pop] of kinds) {
        if (round > 0 && (code.startsWith('32') || label.includes('医院') || label.includes('广场') || label.includes('体育'))) {
          if (r() < 0.5) continue;
        }
        const suffix = round === 0 ? '' : `（${['', '东', '西', '南'][round]}区）`;
        out.push({
          kind: 'target',
          code: `DEMO-TG-${pad(++n, 4)}`,
          name: `【演示】${c.short}${label}${suffix}`,
          typeCode: code,
          status: r() < 0.97 ? 'active' : 'inactive',
          county: c.code,
          org: c.org,
          address: address(r, c),
          phone: phone(r),
          attrs: { population: Math.round(pop * (0.6 + r() * 0.8)), contact: `${pick(r, SURNAMES)}${pick(r, GIVEN)}` },
        });
      }
  return out;
}

const SURNAMES = ['陈', '林', '黄', '王', '李', '张', '吴', '蔡', '洪', '许', '郑', '庄', '苏', '施', '杨'];
const GIVEN = ['建国', '志强', '丽华', '海峰', '明辉', '秀英', '文杰', '晓燕', '国平', '雅琴', '振华', '少鹏'];

function experts(r: () => number): DemoItem[] {
  const fields: [string, string, string[], string][] = [
    ['42A01', '自然灾害', ['11A01', '11B01', '11B03', '11D01'], '泉州市气象与地质灾害研究所'],
    ['42A02', '事故灾难', ['12D01', '12D02', '12D03'], '泉州市安全生产技术研究院'],
    ['42A03', '公共卫生', ['11A02'], '泉州市疾病预防控制中心'],
    ['42A04', '社会安全', ['11B01'], '泉州市社会治理研究中心'],
    ['42A05', '综合', ['11A01', '12D02'], '泉州市应急管理研究会'],
  ];
  const titles = ['高级工程师', '教授', '研究员', '主任医师', '副教授'];
  const out: DemoItem[] = [];
  for (let i = 1; i <= 40; i++) {
    const [code, , specialties, employer] = fields[i % fields.length]!;
    const county = DEMO_COUNTIES[i % DEMO_COUNTIES.length]!;
    out.push({
      kind: 'expert',
      code: `DEMO-EXP-${pad(i)}`,
      name: `【演示】${pick(r, SURNAMES)}${pick(r, GIVEN)}`,
      typeCode: code,
      status: r() < 0.85 ? 'available' : 'unavailable',
      county: county.code,
      org: 'qz',
      address: null,
      phone: null,
      attrs: {
        specialties: [...new Set([pick(r, specialties), pick(r, specialties)])].sort(),
        employer: `【演示】${employer}`,
        title: pick(r, titles),
      },
      contact: { phone: `139${pad(int(r, 0, 99_999_999), 8)}` },
    });
  }
  return out;
}

function equipment(r: () => number): DemoItem[] {
  const kinds: [string, string, string][] = [
    ['卫星电话', 'satellite_phone', '44C03'],
    ['无人机', 'drone', '44C03'],
    ['排涝泵车', 'pump', '43B01'],
    ['移动发电机', 'generator', '43B03'],
    ['应急照明车', 'lighting', '43B03'],
    ['冲锋舟', 'boat', '45B02'],
    ['应急指挥车', 'vehicle', '45B04'],
  ];
  const out: DemoItem[] = [];
  let n = 0;
  for (const c of DEMO_COUNTIES)
    for (const [label, type, code] of kinds) {
      const status = r() < 0.8 ? 'available' : pick(r, ['in_use', 'maintenance']);
      out.push({
        kind: 'equipment',
        code: `DEMO-EQ-${pad(++n)}`,
        name: `【演示】${c.short}${label}`,
        typeCode: code,
        status,
        county: c.code,
        org: c.org,
        address: address(r, c),
        phone: phone(r),
        attrs: {
          equipmentType: type,
          model: `${label}-${int(r, 1, 9)}型`,
          quantity: int(r, 1, 6),
          ...(type === 'vehicle' || type === 'pump' || type === 'lighting' ? { plate: `闽C·${int(r, 10000, 99999)}` } : {}),
        },
      });
    }
  return out;
}

/** The whole demo catalogue in a fixed order. */
export function DEMO_PLAN(r: () => number): DemoItem[] {
  return [...teams(r), ...warehouses(r), ...shelters(r), ...hazards(r), ...targets(r), ...experts(r), ...equipment(r)];
}

const STOCK_ITEMS: Record<string, [string, string, boolean][]> = {
  '43B01': [
    ['救生衣', '件', false],
    ['编织袋', '条', false],
    ['抽水泵', '台', false],
  ],
  '43B03': [
    ['应急照明灯', '台', false],
    ['发电机', '台', false],
  ],
  '43B06': [
    ['防化服', '套', false],
    ['吸附棉', '包', true],
  ],
  '43C01': [['大米', '袋', true]],
  '43C02': [
    ['方便面', '箱', true],
    ['压缩饼干', '箱', true],
  ],
  '43C04': [
    ['棉被', '床', false],
    ['折叠床', '张', false],
  ],
  '43C05': [['瓶装饮用水', '箱', true]],
  '43C06': [['救灾帐篷', '顶', false]],
};

const day = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** ~10 stock lines per warehouse: some below their minimum, some expiring within 30 days. */
export function demoStockLines(
  r: () => number,
  warehouses: readonly ResourceUpsertRow[],
  materials: readonly { code: string; name: string }[],
  now: Date,
): StockUpsertRow[] {
  const known = new Set(materials.map((m) => m.code));
  const items = Object.entries(STOCK_ITEMS)
    .filter(([code]) => known.has(code))
    .flatMap(([code, list]) => list.map(([name, unit, perishable]) => ({ code, name, unit, perishable })));
  const out: StockUpsertRow[] = [];
  for (const w of warehouses) {
    const chosen = [...items].sort(() => r() - 0.5).slice(0, 10);
    chosen.forEach((it, i) => {
      const min = int(r, 2, 20) * 10;
      const below = r() < 0.12;
      const quantity = below ? int(r, 0, min - 1) : int(r, min, min * 5);
      const expiring = it.perishable && r() < 0.35;
      const produced = now.getTime() - int(r, 30, 700) * day;
      const expires = it.perishable ? (expiring ? now.getTime() + int(r, 1, 29) * day : now.getTime() + int(r, 90, 720) * day) : null;
      out.push({
        id: newId(),
        movement_id: newId(),
        warehouse_id: w.id,
        org_id: w.org_id,
        org_path: w.org_path,
        external_code: `${w.external_code}-${pad(i + 1, 2)}`,
        material_code: it.code,
        name: it.name,
        spec: null,
        unit: it.unit,
        quantity,
        min_quantity: min,
        batch: `${new Date(produced).getUTCFullYear()}-${pad(int(r, 1, 12), 2)}`,
        produced_on: isoDay(produced),
        expires_on: expires === null ? null : isoDay(Math.max(expires, produced)),
      });
    });
  }
  return out;
}
