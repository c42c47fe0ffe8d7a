import type { DefaultPoint, DeviceCategory } from '@vigil/shared';

/**
 * The built-in device types (reference data, seeded on every install). Units, ranges and default
 * thresholds follow common practice and the standards quoted in the reference notes:
 * combustible gas first/second alarm at 25 / 50 %LEL and toxic gas at 100 % / 200 % of the
 * occupational limit (GB/T 50493-2019), hourly rain 20 / 50 mm (heavy / torrential rain), wind
 * force 8 / 10 (17.2 / 24.5 m/s), utility tunnel O₂ 19.5–23.5 %vol and CH₄ at 1 %vol (20 %LEL,
 * GB 50838). Every default is copied to a device's points at creation and can be edited there.
 */

export interface BuiltinDeviceType {
  code: string;
  category: DeviceCategory;
  nameZh: string;
  nameEn: string;
  points: DefaultPoint[];
}

type P = Partial<DefaultPoint> & Pick<DefaultPoint, 'metric' | 'nameZh' | 'nameEn'>;

function point(p: P): DefaultPoint {
  return {
    unit: null,
    valueKind: 'number',
    rangeMin: null,
    rangeMax: null,
    intervalS: 60,
    h: null,
    hh: null,
    l: null,
    ll: null,
    ...p,
  };
}

const sw = (metric: string, nameZh: string, nameEn: string, intervalS = 10): DefaultPoint =>
  point({ metric, nameZh, nameEn, valueKind: 'boolean', intervalS });

const lel = (metric: string, nameZh: string, nameEn: string, intervalS: number, h = 25, hh = 50): DefaultPoint =>
  point({ metric, nameZh, nameEn, unit: '%LEL', rangeMin: 0, rangeMax: 100, intervalS, h, hh });

export const BUILTIN_DEVICE_TYPES: readonly BuiltinDeviceType[] = [
  // 危险化学品
  {
    code: 'tank_monitor',
    category: 'hazchem',
    nameZh: '储罐监测仪',
    nameEn: 'Storage tank monitor',
    points: [
      point({
        metric: 'tank_level',
        nameZh: '储罐液位',
        nameEn: 'Tank level',
        unit: 'm',
        rangeMin: 0,
        rangeMax: 20,
        intervalS: 10,
        ll: 0.5,
        l: 1,
        h: 16,
        hh: 18,
      }),
      point({
        metric: 'tank_temp',
        nameZh: '储罐温度',
        nameEn: 'Tank temperature',
        unit: '℃',
        rangeMin: -40,
        rangeMax: 150,
        intervalS: 10,
        l: -10,
        h: 45,
        hh: 60,
      }),
      point({
        metric: 'tank_pressure',
        nameZh: '储罐压力',
        nameEn: 'Tank pressure',
        unit: 'MPa',
        rangeMin: 0,
        rangeMax: 2.5,
        intervalS: 10,
        h: 1.4,
        hh: 1.6,
      }),
    ],
  },
  {
    code: 'combustible_gas_detector',
    category: 'hazchem',
    nameZh: '可燃气体探测器',
    nameEn: 'Combustible gas detector',
    points: [lel('lel', '可燃气体浓度', 'Combustible gas', 5)],
  },
  {
    code: 'toxic_gas_detector',
    category: 'hazchem',
    nameZh: '有毒气体探测器',
    nameEn: 'Toxic gas detector',
    points: [
      point({
        metric: 'toxic_ppm',
        nameZh: '有毒气体浓度',
        nameEn: 'Toxic gas',
        unit: 'ppm',
        rangeMin: 0,
        rangeMax: 100,
        intervalS: 5,
        h: 10,
        hh: 20,
      }),
    ],
  },
  {
    code: 'process_monitor',
    category: 'hazchem',
    nameZh: '工艺装置监测',
    nameEn: 'Process unit monitor',
    points: [
      point({
        metric: 'flow',
        nameZh: '流量',
        nameEn: 'Flow',
        unit: 'm³/h',
        rangeMin: 0,
        rangeMax: 500,
        intervalS: 10,
        ll: 5,
        l: 20,
        h: 400,
        hh: 450,
      }),
      point({
        metric: 'process_temp',
        nameZh: '工艺温度',
        nameEn: 'Process temperature',
        unit: '℃',
        rangeMin: -50,
        rangeMax: 400,
        intervalS: 10,
        h: 250,
        hh: 300,
      }),
      point({
        metric: 'process_pressure',
        nameZh: '工艺压力',
        nameEn: 'Process pressure',
        unit: 'MPa',
        rangeMin: 0,
        rangeMax: 10,
        intervalS: 10,
        h: 6.4,
        hh: 7.2,
      }),
    ],
  },
  {
    code: 'emergency_valve',
    category: 'hazchem',
    nameZh: '紧急切断阀',
    nameEn: 'Emergency shut-off valve',
    points: [sw('valve_open', '阀门开启状态', 'Valve open'), sw('valve_fault', '阀门故障', 'Valve fault')],
  },
  {
    code: 'sis_interlock',
    category: 'hazchem',
    nameZh: 'SIS 安全仪表系统',
    nameEn: 'Safety instrumented system',
    points: [
      sw('sis_in_service', 'SIS 联锁投用状态', 'Interlock in service', 30),
      sw('sis_bypassed', 'SIS 联锁旁路', 'Interlock bypassed', 30),
    ],
  },
  // 自然灾害
  {
    code: 'rain_gauge',
    category: 'natural',
    nameZh: '雨量站',
    nameEn: 'Rain gauge',
    points: [
      point({
        metric: 'rain_1h',
        nameZh: '小时雨量',
        nameEn: 'Hourly rainfall',
        unit: 'mm',
        rangeMin: 0,
        rangeMax: 300,
        intervalS: 300,
        h: 20,
        hh: 50,
      }),
      point({
        metric: 'rain_24h',
        nameZh: '24 小时雨量',
        nameEn: '24-hour rainfall',
        unit: 'mm',
        rangeMin: 0,
        rangeMax: 1000,
        intervalS: 300,
        h: 50,
        hh: 100,
      }),
    ],
  },
  {
    code: 'water_level_station',
    category: 'natural',
    nameZh: '水位站',
    nameEn: 'Water level station',
    points: [
      point({
        metric: 'water_level',
        nameZh: '水位',
        nameEn: 'Water level',
        unit: 'm',
        rangeMin: 0,
        rangeMax: 30,
        intervalS: 300,
        l: 0.5,
        h: 6.5,
        hh: 8,
      }),
    ],
  },
  {
    code: 'weather_station',
    category: 'natural',
    nameZh: '自动气象站',
    nameEn: 'Automatic weather station',
    points: [
      point({
        metric: 'wind_speed',
        nameZh: '风速',
        nameEn: 'Wind speed',
        unit: 'm/s',
        rangeMin: 0,
        rangeMax: 75,
        intervalS: 60,
        h: 17.2,
        hh: 24.5,
      }),
      point({
        metric: 'rain_1h',
        nameZh: '小时雨量',
        nameEn: 'Hourly rainfall',
        unit: 'mm',
        rangeMin: 0,
        rangeMax: 300,
        intervalS: 300,
        h: 20,
        hh: 50,
      }),
    ],
  },
  {
    code: 'landslide_monitor',
    category: 'natural',
    nameZh: '滑坡监测站',
    nameEn: 'Landslide monitoring station',
    points: [
      point({
        metric: 'displacement',
        nameZh: '累计位移',
        nameEn: 'Cumulative displacement',
        unit: 'mm',
        rangeMin: 0,
        rangeMax: 1000,
        intervalS: 600,
        h: 30,
        hh: 50,
      }),
      point({
        metric: 'soil_moisture',
        nameZh: '土壤含水率',
        nameEn: 'Soil moisture',
        unit: '%',
        rangeMin: 0,
        rangeMax: 100,
        intervalS: 600,
        h: 40,
        hh: 50,
      }),
      point({
        metric: 'rain_1h',
        nameZh: '小时雨量',
        nameEn: 'Hourly rainfall',
        unit: 'mm',
        rangeMin: 0,
        rangeMax: 300,
        intervalS: 300,
        h: 20,
        hh: 50,
      }),
    ],
  },
  {
    code: 'seismic_intensity_meter',
    category: 'natural',
    nameZh: '地震烈度仪',
    nameEn: 'Seismic intensity meter',
    points: [
      point({
        metric: 'seismic_intensity',
        nameZh: '仪器烈度',
        nameEn: 'Instrumental intensity',
        unit: '度',
        rangeMin: 0,
        rangeMax: 12,
        intervalS: 1,
        h: 4,
        hh: 6,
      }),
    ],
  },
  // 城市生命线
  {
    code: 'bridge_shm',
    category: 'lifeline',
    nameZh: '桥梁健康监测',
    nameEn: 'Bridge health monitoring',
    points: [
      point({
        metric: 'strain',
        nameZh: '应变',
        nameEn: 'Strain',
        unit: 'με',
        rangeMin: -2000,
        rangeMax: 2000,
        intervalS: 60,
        ll: -800,
        l: -600,
        h: 600,
        hh: 800,
      }),
      point({
        metric: 'deflection',
        nameZh: '挠度',
        nameEn: 'Deflection',
        unit: 'mm',
        rangeMin: -100,
        rangeMax: 300,
        intervalS: 60,
        h: 50,
        hh: 80,
      }),
    ],
  },
  {
    code: 'gas_pipeline_monitor',
    category: 'lifeline',
    nameZh: '燃气管网监测',
    nameEn: 'Gas pipeline monitor',
    points: [
      point({
        metric: 'pipe_pressure',
        nameZh: '管网压力',
        nameEn: 'Pipeline pressure',
        unit: 'MPa',
        rangeMin: 0,
        rangeMax: 1.6,
        intervalS: 60,
        ll: 0.1,
        l: 0.15,
        h: 0.45,
        hh: 0.5,
      }),
      lel('leak_lel', '泄漏浓度', 'Leak concentration', 60),
    ],
  },
  {
    code: 'manhole_gas_monitor',
    category: 'lifeline',
    nameZh: '窨井可燃气体监测',
    nameEn: 'Manhole gas monitor',
    points: [lel('ch4_lel', '甲烷浓度', 'Methane', 300, 20, 50)],
  },
  {
    code: 'building_tilt_monitor',
    category: 'lifeline',
    nameZh: '建筑倾斜监测',
    nameEn: 'Building tilt monitor',
    points: [
      point({
        metric: 'tilt_x',
        nameZh: 'X 向倾斜',
        nameEn: 'Tilt X',
        unit: '‰',
        rangeMin: -30,
        rangeMax: 30,
        intervalS: 600,
        ll: -4,
        l: -2,
        h: 2,
        hh: 4,
      }),
      point({
        metric: 'tilt_y',
        nameZh: 'Y 向倾斜',
        nameEn: 'Tilt Y',
        unit: '‰',
        rangeMin: -30,
        rangeMax: 30,
        intervalS: 600,
        ll: -4,
        l: -2,
        h: 2,
        hh: 4,
      }),
    ],
  },
  {
    code: 'utility_tunnel_monitor',
    category: 'lifeline',
    nameZh: '综合管廊监测',
    nameEn: 'Utility tunnel monitor',
    points: [
      point({
        metric: 'o2',
        nameZh: '氧气浓度',
        nameEn: 'Oxygen',
        unit: '%VOL',
        rangeMin: 0,
        rangeMax: 30,
        intervalS: 60,
        ll: 18,
        l: 19.5,
        h: 23.5,
      }),
      lel('ch4_lel', '甲烷浓度', 'Methane', 60, 20, 40),
      point({
        metric: 'h2s',
        nameZh: '硫化氢浓度',
        nameEn: 'Hydrogen sulphide',
        unit: 'ppm',
        rangeMin: 0,
        rangeMax: 100,
        intervalS: 60,
        h: 10,
        hh: 20,
      }),
    ],
  },
];
