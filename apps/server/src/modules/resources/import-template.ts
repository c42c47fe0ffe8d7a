import ExcelJS from 'exceljs';
import { RESOURCE_KIND_ZH, RESOURCE_TYPE_PREFIX, type ImportEntity } from '@vigil/shared';
import type { ImportRowError } from '../../platform/db/schema.js';
import { csvField } from './import-file.js';
import { columnsOf, ORG_CODE_HEADER } from './import-rows.js';

/** Import templates (the Chinese header row, an example row, an explanation sheet) and error reports. */

export const ENTITY_ZH: Record<ImportEntity, string> = { ...RESOURCE_KIND_ZH, stock: '储备物资' };

const COMMON = { 状态: '', 经度: '118.5894', 纬度: '24.9089', 坐标系: 'WGS84', 地址: '泉州市丰泽区东海街道', 值班电话: '0595-22100000' };

/** One example row per entity, by header (the status column is filled per kind). */
const EXAMPLES: Record<ImportEntity, Record<string, string>> = {
  team: {
    ...COMMON,
    外部编码: 'TEAM-0001',
    名称: '泉州市示例救援队',
    类型代码: '42E99',
    状态: '待命',
    队伍级别: '市级',
    人数: '30',
    '救援能力（事件代码）': '11B01、11A01',
    装备清单: '冲锋舟*2、发电机*3',
    负责人: '张建国',
  },
  expert: {
    ...COMMON,
    外部编码: 'EXP-0001',
    名称: '李明',
    类型代码: '42A02',
    状态: '可联络',
    '专长（事件代码）': '12D02、12D03',
    工作单位: '泉州市某化工研究院',
    职称: '高级工程师',
    手机号: '13800000000',
    身份证号: '',
  },
  warehouse: {
    ...COMMON,
    外部编码: 'WH-0001',
    名称: '泉州市示例物资储备库',
    类型代码: '43C00',
    状态: '在用',
    管理员: '王芳',
    储备库级别: '市级',
    '面积（平方米）': '1200',
  },
  shelter: {
    ...COMMON,
    外部编码: 'SH-0001',
    名称: '示例公园应急避难场所',
    类型代码: '47A02',
    状态: '开放',
    场所类别: 'Ⅱ类',
    室内: '否',
    容纳人数: '5000',
    当前安置人数: '0',
    '有效面积（平方米）': '20000',
    '服务半径（米）': '1000',
    设施: '应急供水、应急厕所、应急照明',
  },
  equipment: {
    ...COMMON,
    外部编码: 'EQ-0001',
    名称: '卫星电话（示例）',
    类型代码: '44C03',
    状态: '可用',
    装备类型: '卫星电话',
    型号: '天通一号',
    数量: '2',
    车牌号: '',
  },
  hazard: {
    ...COMMON,
    外部编码: 'HZ-0001',
    名称: '示例石化储罐区',
    类型代码: '22A01',
    状态: '在役',
    重大危险源等级: '二级',
    所属企业: '示例石化有限公司',
    危险化学品: '苯、甲苯',
    风险等级: '较大',
  },
  target: {
    ...COMMON,
    外部编码: 'TG-0001',
    名称: '示例小学',
    类型代码: '31B06',
    状态: '正常',
    人数: '1200',
    联系人: '陈老师',
  },
  stock: {
    储备库外部编码: 'WH-0001',
    物资外部编码: 'WH-0001-001',
    物资类别代码: '43C06',
    物资名称: '救灾帐篷',
    规格型号: '12平方米',
    单位: '顶',
    数量: '200',
    最低库存: '100',
    批次: '2026-01',
    生产日期: '2026-01-05',
    有效期至: '2031-01-04',
  },
};

/** The template's columns: the writable ones of the entity, then the optional org code. */
export function templateHeaders(entity: ImportEntity): { header: string; required: boolean; hint: string; width: number }[] {
  const cols = columnsOf(entity)
    .filter((c) => c.write)
    .map((c) => {
      let hint = c.hint ?? '';
      if (c.key === 'typeCode' && entity !== 'stock') hint = `${hint}，以 ${RESOURCE_TYPE_PREFIX[entity].join(' / ')} 开头`;
      return { header: c.header, required: Boolean(c.required), hint, width: c.width };
    });
  if (entity !== 'stock')
    cols.push({ header: ORG_CODE_HEADER, required: false, hint: '留空则归属上传人所在单位；可填本单位或下级单位的编码', width: 16 });
  return cols;
}

/** The template as .xlsx: data sheet (header + example) and a 说明 sheet describing every column. */
export async function templateXlsx(entity: ImportEntity): Promise<Buffer> {
  const cols = templateHeaders(entity);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigil';
  const ws = wb.addWorksheet(ENTITY_ZH[entity], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, key: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const c of cols) ws.getColumn(c.header).numFmt = '@';
  ws.addRow(Object.fromEntries(cols.map((c) => [c.header, EXAMPLES[entity][c.header] ?? ''])));
  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列名', key: 'header', width: 22 },
    { header: '必填', key: 'required', width: 8 },
    { header: '说明', key: 'hint', width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of cols) help.addRow({ header: c.header, required: c.required ? '是' : '否', hint: c.hint.replace(/^，/, '') });
  help.addRow({});
  for (const text of [
    '第 1 行为表头，请勿修改列名；第 2 行为示例，导入前请删除或改为真实数据。',
    '按“外部编码”更新：编码已存在的记录被更新，不存在的新增；同一文件重复导入不会产生任何变化。',
    '任一行有错误时整个文件都不会导入，可下载错误报告（行号、列、原因）修改后重新导入。',
    '坐标默认为 WGS84（CGCS2000），高德/腾讯地图取得的坐标请在“坐标系”列填写 GCJ02。',
  ])
    help.addRow({ header: text });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template as CSV (UTF-8 with BOM, so Excel opens the Chinese header correctly). */
export function templateCsv(entity: ImportEntity): Buffer {
  const cols = templateHeaders(entity);
  const lines = [cols.map((c) => csvField(c.header)).join(','), cols.map((c) => csvField(EXAMPLES[entity][c.header] ?? '')).join(',')];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The error report of a failed import: 行号, 列, 原因 (and the file-level reason first, if any). */
export async function errorReportXlsx(errors: readonly ImportRowError[], failure: string | null, fileName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigil';
  const ws = wb.addWorksheet('导入错误', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 20 },
    { header: '原因', key: 'reason', width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
  if (failure) ws.addRow({ row: null, column: '文件', reason: failure });
  for (const e of errors) ws.addRow({ row: e.row, column: e.column ?? '', reason: e.reason });
  ws.addRow({});
  ws.addRow({ row: null, column: '文件名', reason: fileName });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
