import ExcelJS from 'exceljs';
import { INCIDENT_STATUS_ZH, RESOURCE_KIND_ZH, RESOURCE_STATUSES, type ResourceKind } from '@vigil/shared';
import type { SpatialLayerResult } from './spatial.service.js';

const COLUMNS = [
  { key: 'name', header: '名称', width: 36 },
  { key: 'typeCode', header: '类型代码', width: 10 },
  { key: 'status', header: '状态', width: 10 },
  { key: 'orgName', header: '所属单位', width: 24 },
  { key: 'lng', header: '经度', width: 12 },
  { key: 'lat', header: '纬度', width: 12 },
  { key: 'distanceM', header: '距中心（米）', width: 12 },
  { key: 'id', header: '编号', width: 38 },
] as const;

const layerName = (layer: string) => (layer === 'incident' ? '事件' : (RESOURCE_KIND_ZH[layer as ResourceKind] ?? layer));

function statusLabel(layer: string, status: string): string {
  const labels: Record<string, string> | undefined =
    layer === 'incident' ? INCIDENT_STATUS_ZH : (RESOURCE_STATUSES as Record<string, Record<string, string>>)[layer];
  return labels?.[status] ?? status;
}

/** One sheet per layer (Chinese layer name, total in the last row when the list was cut). */
export async function spatialWorkbook(layers: readonly SpatialLayerResult[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigil';
  for (const l of layers) {
    const ws = wb.addWorksheet(layerName(l.layer), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    for (const f of l.items)
      ws.addRow({ ...f, status: statusLabel(l.layer, f.status), lng: f.location.lng, lat: f.location.lat, distanceM: f.distanceM });
    if (l.total > l.items.length) ws.addRow({ name: `共 ${l.total} 条，仅导出前 ${l.items.length} 条` });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
