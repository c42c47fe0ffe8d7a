import type {
  CodeNodeDto,
  ImportEntity,
  ImportJobDto,
  PageOf,
  ResourceDto,
  ResourceHistoryDto,
  ResourceInput,
  ResourceKind,
  ResourcePatch,
  StockAdjustInput,
  StockLineDto,
  StockLineInput,
  StockLinePatch,
  StockMovementDto,
} from '@vigil/shared';
import { download, http, type Query } from '../../lib/api';
import { beijingDate } from '../../lib/time';

export const RESOURCES_KEY = ['resources'] as const;
export const STOCK_KEY = ['stock'] as const;
export const IMPORTS_KEY = ['imports'] as const;

export const resourceKey = (kind: ResourceKind, id: string) => [...RESOURCES_KEY, kind, 'one', id] as const;

/** Registries (`/resources/:kind`). */
export const fetchResources = (kind: ResourceKind, q: Query) => http.get<PageOf<ResourceDto>>(`/resources/${kind}`, q);
export const fetchResource = (kind: ResourceKind, id: string) => http.get<ResourceDto>(`/resources/${kind}/${id}`);
export const fetchResourceHistory = (kind: ResourceKind, id: string) => http.get<ResourceHistoryDto[]>(`/resources/${kind}/${id}/history`);
export const createResource = (kind: ResourceKind, input: ResourceInput) => http.post<ResourceDto>(`/resources/${kind}`, input);
export const updateResource = (kind: ResourceKind, id: string, patch: ResourcePatch) =>
  http.put<ResourceDto>(`/resources/${kind}/${id}`, patch);
export const archiveResource = (kind: ResourceKind, id: string, reason: string) =>
  http.post<ResourceDto>(`/resources/${kind}/${id}/archive`, { reason });
export const restoreResource = (kind: ResourceKind, id: string) => http.post<ResourceDto>(`/resources/${kind}/${id}/restore`, {});

/** Downloads the filtered registry list as Excel or CSV. */
export const exportResources = (kind: ResourceKind, q: Query, format: 'xlsx' | 'csv') =>
  download(`/resources/${kind}`, { ...q, format }, `${kind}-${beijingDate(new Date())}.${format}`);

/** Stock of a warehouse and its movements. */
export const fetchWarehouseStock = (warehouseId: string, q: Query) => http.get<PageOf<StockLineDto>>(`/warehouses/${warehouseId}/stock`, q);
export const addStockLine = (warehouseId: string, input: StockLineInput) =>
  http.post<StockLineDto>(`/warehouses/${warehouseId}/stock`, input);
export const updateStockLine = (lineId: string, patch: StockLinePatch) => http.put<StockLineDto>(`/stock/${lineId}`, patch);
export const adjustStock = (lineId: string, input: StockAdjustInput) => http.post<StockLineDto>(`/stock/${lineId}/adjust`, input);
export const fetchMovements = (lineId: string, q: Query) => http.get<PageOf<StockMovementDto>>(`/stock/${lineId}/movements`, q);
export const fetchStock = (q: Query) => http.get<PageOf<StockLineDto>>('/stock', q);
/** Downloads a stock list (alerts, one warehouse …) as Excel. */
export const exportStock = (q: Query) => download('/stock', { ...q, format: 'xlsx' }, `stock-${beijingDate(new Date())}.xlsx`);

/** Imports (background jobs). */
export const downloadImportTemplate = (entity: ImportEntity, format: 'xlsx' | 'csv') =>
  download(`/imports/templates/${entity}`, { format }, `${entity}-template.${format}`);
export const startImport = (entity: ImportEntity, file: File) => http.upload<ImportJobDto>(`/imports/${entity}`, file, file.name);
export const fetchImportJob = (id: string) => http.get<ImportJobDto>(`/imports/${id}`);
export const fetchImportJobs = (entity: ImportEntity, limit = 5) => http.get<PageOf<ImportJobDto>>('/imports', { entity, limit });
export const downloadImportErrors = (id: string) => download(`/imports/${id}/errors.xlsx`, {}, `import-errors-${id}.xlsx`);

/** National codes under a parent (lazy tree) or matching a search. */
export const fetchCodes = (q: { parent?: string; q?: string }) =>
  http.get<{ items: CodeNodeDto[] }>('/codes', { family: 'event', ...q }).then((r) => r.items);
