import type { PlanContent, PlanTaskTemplate } from '@vigil/shared';

/** Demo plans for the Quanzhou region: content only (owners and states are set by the seed). */
export interface DemoPlan {
  orgCode: string;
  status: 'draft' | 'active';
  content: PlanContent;
}

const task = (
  title: string,
  responsibleRole: string,
  action: string,
  deadlineMinutes: number,
  resources: PlanTaskTemplate['resources'] = [],
): PlanTaskTemplate => ({
  title,
  responsibleRole,
  action,
  deadlineMinutes,
  resources,
});

const TYPHOON: PlanContent = {
  name: '泉州市防台风应急预案',
  level: 'city',
  type: 'special',
  eventCodes: ['11B01', '11B06'],
  summary:
    '适用于本市行政区域内台风及其引发的大风、风暴潮等灾害的防御和应急处置。市防汛抗旱指挥部统一领导全市防台风工作，响应由低到高分为Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级。',
  levels: [
    {
      level: 'I',
      start: {
        mode: 'any',
        conditions: [
          { kind: 'warningColour', min: 'red' },
          { kind: 'incidentGrade', min: 'I' },
          { kind: 'evacuated', min: 100_000 },
          { kind: 'dead', min: 30 },
        ],
      },
      note: '市防指总指挥决定启动，报市委、市政府和省防指。',
      tasks: [
        task('市防指总指挥坐镇指挥', '市防指总指挥', '主持会商，部署全市防台风工作，宣布进入紧急防汛期。', 30),
        task(
          '全面转移危险区域人员',
          '各县（市、区）防指',
          '沿海、低洼、危房、地质灾害隐患点人员全部转移，实行“不落一户、不漏一人”。',
          180,
          [
            { kind: 'shelter', quantity: 200, note: '启用全部避灾点' },
            { kind: 'vehicle', quantity: 100 },
          ],
        ),
        task('全市停工停课停业', '市政府办公室', '发布全市停课、停工、停业、停运通告。', 60),
        task('预置抢险救援力量', '市应急管理局', '消防救援、武警、民兵和社会救援力量前置到重点区域。', 120, [
          { kind: 'team', code: 'XFJY', quantity: 20, note: '消防救援队伍' },
          { kind: 'equipment', quantity: 50, note: '冲锋舟' },
        ]),
      ],
    },
    {
      level: 'II',
      start: {
        mode: 'any',
        conditions: [
          { kind: 'warningColour', min: 'orange' },
          { kind: 'incidentGrade', min: 'II' },
          { kind: 'evacuated', min: 50_000 },
          { kind: 'dead', min: 10 },
        ],
      },
      note: '市防指常务副总指挥决定启动。',
      tasks: [
        task('召开防台风会商', '市防指常务副总指挥', '组织气象、水利、自然资源、海洋渔业等部门会商，研判台风路径和影响。', 60),
        task('渔船回港、人员上岸', '市海洋与渔业局', '督促所有渔船回港避风，渔排、养殖人员全部上岸。', 240, [
          { kind: 'vehicle', quantity: 20 },
        ]),
        task('转移危险区域人员', '各县（市、区）防指', '转移沿海低洼地区、危房和地质灾害隐患点人员。', 240, [
          { kind: 'shelter', quantity: 100 },
        ]),
      ],
    },
    {
      level: 'III',
      start: {
        mode: 'any',
        conditions: [
          { kind: 'warningColour', min: 'yellow' },
          { kind: 'incidentGrade', min: 'III' },
          { kind: 'evacuated', min: 10_000 },
          { kind: 'dead', min: 3 },
        ],
      },
      tasks: [
        task('加强值班值守', '市防指办', '实行 24 小时领导带班，每 3 小时报告一次防御情况。', 30),
        task('发布防御指引', '市气象局', '滚动发布台风消息和防御指引，加密监测预报。', 60),
        task('检查在建工地和广告牌', '市住房和城乡建设局', '检查在建工地塔吊、脚手架和户外广告牌，落实加固措施。', 360),
      ],
    },
    {
      level: 'IV',
      start: {
        mode: 'any',
        conditions: [
          { kind: 'warningColour', min: 'blue' },
          { kind: 'evacuated', min: 1_000 },
          { kind: 'dead', min: 1 },
        ],
      },
      tasks: [
        task('启动防台风值班', '市防指办', '进入防台风值班状态，密切跟踪台风动向。', 60),
        task('通知渔船避风', '市海洋与渔业局', '通知在港和海上作业渔船做好避风准备。', 180),
      ],
    },
  ],
};

const HAZCHEM: PlanContent = {
  name: '泉州市危险化学品事故应急预案',
  level: 'city',
  type: 'special',
  eventCodes: ['12D00'],
  summary:
    '适用于本市行政区域内危险化学品生产、经营、储存、运输、使用和废弃处置过程中发生的火灾、爆炸、泄漏、中毒等事故的应急处置，泉港、泉惠石化园区为重点区域。',
  levels: [
    {
      level: 'I',
      start: {
        mode: 'any',
        conditions: [
          { kind: 'incidentGrade', min: 'I' },
          { kind: 'dead', min: 30 },
          { kind: 'injured', min: 100 },
        ],
      },
      tasks: [
        task('成立现场指挥部', '市政府分管领导', '市长或分管副市长任总指挥，报请省政府派出工作组。', 30),
        task('组织周边群众疏散', '事发地县（市、区）政府', '按扩散模拟结果划定警戒区，组织下风向群众疏散。', 60, [
          { kind: 'shelter', quantity: 20 },
        ]),
      ],
    },
    {
      level: 'II',
      start: {
        mode: 'any',
        conditions: [
          { kind: 'incidentGrade', min: 'II' },
          { kind: 'dead', min: 10 },
          { kind: 'injured', min: 50 },
          { kind: 'evacuated', min: 10_000 },
        ],
      },
      tasks: [
        task('调派危化品专业救援队', '市应急管理局', '调派泉港石化专业救援队和消防特勤力量赶赴现场。', 30, [
          { kind: 'team', code: 'WHJY', quantity: 3, note: '危化品专业救援队' },
          { kind: 'expert', quantity: 5, note: '化工、环境监测专家' },
        ]),
        task('开展环境应急监测', '市生态环境局', '在厂界和下风向布设监测点，每小时报告大气和水体监测数据。', 60, [
          { kind: 'equipment', quantity: 4, note: '移动监测车' },
        ]),
      ],
    },
    {
      level: 'III',
      start: {
        mode: 'any',
        conditions: [
          { kind: 'incidentGrade', min: 'III' },
          { kind: 'dead', min: 3 },
          { kind: 'injured', min: 10 },
          { kind: 'evacuated', min: 1_000 },
        ],
      },
      tasks: [
        task('市应急管理局赶赴现场', '市应急管理局', '局领导带队赶赴现场，指导县级开展处置。', 60),
        task('医疗救治', '市卫生健康委员会', '调派急救力量，指定收治医院开展中毒伤员救治。', 60, [
          { kind: 'vehicle', quantity: 10, note: '救护车' },
        ]),
      ],
    },
    {
      level: 'IV',
      start: {
        mode: 'any',
        conditions: [
          { kind: 'incidentGrade', min: 'IV' },
          { kind: 'dead', min: 1 },
          { kind: 'injured', min: 3 },
        ],
      },
      tasks: [task('跟踪指导处置', '市应急管理局危化监管科', '跟踪事故处置进展，指导企业和县级部门开展处置。', 120)],
    },
  ],
};

const JINJIANG_FLOOD: PlanContent = {
  name: '晋江市防汛防台风应急预案（修订稿）',
  level: 'county',
  type: 'special',
  eventCodes: ['11B01', '11B03', '11A01', '11A02'],
  summary: '适用于晋江市行政区域内台风、暴雨、洪水和城市内涝灾害的防御和应急处置。',
  levels: [
    {
      level: 'III',
      start: {
        mode: 'any',
        conditions: [
          { kind: 'warningColour', min: 'orange' },
          { kind: 'evacuated', min: 5_000 },
        ],
      },
      tasks: [task('转移低洼地区群众', '各镇（街道）', '转移沿海、低洼易涝区域群众到避灾点。', 240, [{ kind: 'shelter', quantity: 30 }])],
    },
    {
      level: 'IV',
      start: {
        mode: 'any',
        conditions: [
          { kind: 'warningColour', min: 'yellow' },
          { kind: 'evacuated', min: 500 },
        ],
      },
      tasks: [
        task('巡查易涝点', '晋江市住房和城乡建设局', '巡查城区易涝点和地下空间，布设排涝设备。', 120, [
          { kind: 'equipment', quantity: 10, note: '移动泵车' },
        ]),
      ],
    },
  ],
};

export const DEMO_PLANS: DemoPlan[] = [
  { orgCode: 'qz', status: 'active', content: TYPHOON },
  { orgCode: 'qz', status: 'active', content: HAZCHEM },
  { orgCode: 'qz_jinjiang', status: 'draft', content: JINJIANG_FLOOD },
];
