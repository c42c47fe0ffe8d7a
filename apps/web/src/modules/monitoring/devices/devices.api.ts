import type {
  DeviceCredentialsDto,
  DeviceDto,
  DeviceImportJobDto,
  DeviceInput,
  DevicePatch,
  DeviceTypeDto,
  DeviceWithSecretDto,
  LatestValueDto,
  PageOf,
  PointDto,
  PointPatch,
} from '@vigil/shared';
import { download, http, type Query } from '../../../lib/api';

export const DEVICES_KEY = ['monitoring', 'devices'] as const;
export const DEVICE_TYPES_KEY = ['monitoring', 'device-types'] as const;
export const DEVICE_IMPORTS_KEY = ['monitoring', 'device-imports'] as const;

export const deviceKey = (id: string) => [...DEVICES_KEY, 'one', id] as const;

export const fetchDeviceTypes = () => http.get<DeviceTypeDto[]>('/monitoring/device-types');
export const fetchDevices = (q: Query) => http.get<PageOf<DeviceDto>>('/monitoring/devices', q);
export const fetchDevice = (id: string) => http.get<DeviceDto>(`/monitoring/devices/${id}`);
export const fetchLatest = (id: string) => http.get<LatestValueDto[]>(`/monitoring/devices/${id}/latest`);
export const createDevice = (input: DeviceInput) => http.post<DeviceWithSecretDto>('/monitoring/devices', input);
export const updateDevice = (id: string, patch: DevicePatch) => http.put<DeviceDto>(`/monitoring/devices/${id}`, patch);
export const archiveDevice = (id: string, reason: string) => http.post<DeviceDto>(`/monitoring/devices/${id}/archive`, { reason });
export const rotateSecret = (id: string) => http.post<DeviceWithSecretDto>(`/monitoring/devices/${id}/rotate-secret`, {});
export const updatePoint = (deviceId: string, pointId: string, patch: PointPatch) =>
  http.put<PointDto>(`/monitoring/devices/${deviceId}/points/${pointId}`, patch);

export const downloadDeviceTemplate = (format: 'xlsx' | 'csv') =>
  download('/monitoring/device-imports/template', { format }, `devices-template.${format}`);
export const startDeviceImport = (file: File) => http.upload<DeviceImportJobDto>('/monitoring/device-imports', file, file.name);
export const fetchDeviceImport = (id: string) => http.get<DeviceImportJobDto>(`/monitoring/device-imports/${id}`);
export const fetchDeviceImports = () => http.get<DeviceImportJobDto[]>('/monitoring/device-imports');
export const downloadDeviceImportErrors = (id: string) =>
  download(`/monitoring/device-imports/${id}/errors.xlsx`, {}, `device-import-errors-${id}.xlsx`);
export const takeDeviceCredentials = (id: string) => http.post<DeviceCredentialsDto>(`/monitoring/device-imports/${id}/credentials`, {});
