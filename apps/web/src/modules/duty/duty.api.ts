import type {
  CreateDutyCheckInput,
  CreateDutyLogInput,
  CreateDutyShiftInput,
  CreateHandoverInput,
  CreateDutySwapInput,
  DailyReportDto,
  DutyBoardDto,
  DutyCheckDto,
  DutyCheckStatsDto,
  DutyLogDto,
  DutyShiftDto,
  DutySwapDto,
  HandoverDto,
  PageOf,
  RosterImportResultDto,
  UpdateDutyShiftInput,
} from '@vigil/shared';
import { download, http, type Query } from '../../lib/api';

export const DUTY_KEY = ['duty'] as const;

export const fetchShifts = (q: { orgId?: string; from: string; to: string }) =>
  http.get<PageOf<DutyShiftDto>>('/duty/shifts', { ...q, limit: 500 }).then((r) => r.items);
export const createShift = (input: CreateDutyShiftInput) => http.post<DutyShiftDto>('/duty/shifts', input);
export const updateShift = (id: string, input: UpdateDutyShiftInput) => http.patch<DutyShiftDto>(`/duty/shifts/${id}`, input);
export const deleteShift = (id: string) => http.del(`/duty/shifts/${id}`);
export const signIn = (shiftId: string) => http.post<DutyShiftDto>(`/duty/shifts/${shiftId}/sign-in`);
export const signOut = (shiftId: string) => http.post<DutyShiftDto>(`/duty/shifts/${shiftId}/sign-out`);

export const downloadTemplate = () => download('/duty/shifts/template.xlsx', {}, 'roster-template.xlsx');
export const importRoster = (orgId: string, file: File) =>
  http.upload<RosterImportResultDto>('/duty/shifts/import', file, file.name, { orgId });
/** The error report of a refused import (`errorReportUrl` of the 400 answer, under /api/v1). */
export const downloadImportErrors = (url: string) => download(url.replace(/^\/api\/v1/, ''), {}, 'import-errors.xlsx');

export const fetchSwaps = (q: { orgId?: string; status?: string; limit: number; cursor?: string }) =>
  http.get<PageOf<DutySwapDto>>('/duty/swaps', q);
export const requestSwap = (input: CreateDutySwapInput) => http.post<DutySwapDto>('/duty/swaps', input);
export const decideSwap = (id: string, approve: boolean, note?: string) =>
  http.post<DutySwapDto>(`/duty/swaps/${id}/${approve ? 'approve' : 'reject'}`, note ? { note } : {});

export const fetchBoard = (orgId?: string) => http.get<DutyBoardDto>('/duty/now', { orgId });

export const fetchHandovers = (q: Query) => http.get<PageOf<HandoverDto>>('/duty/handovers', q);
export const fetchHandover = (id: string) => http.get<HandoverDto>(`/duty/handovers/${id}`);
export const createHandover = (input: CreateHandoverInput) => http.post<HandoverDto>('/duty/handovers', input);
export const countersign = (id: string) => http.post<HandoverDto>(`/duty/handovers/${id}/countersign`);

export const fetchLog = (q: Query) => http.get<PageOf<DutyLogDto>>('/duty/log', q);
export const addLogEntry = (input: CreateDutyLogInput) => http.post<DutyLogDto>('/duty/log', input);

export const fetchChecks = (q: Query) => http.get<PageOf<DutyCheckDto>>('/duty/checks', q);
export const fetchCheckStats = (q: { orgId?: string; from: string; to: string }) => http.get<DutyCheckStatsDto>('/duty/checks/stats', q);
export const sendCheck = (input: CreateDutyCheckInput) => http.post<DutyCheckDto>('/duty/checks', input);
export const ackCheck = (id: string) => http.post<DutyCheckDto>(`/duty/checks/${id}/ack`);

export const fetchDailyReport = (orgId: string | undefined, date: string) =>
  http.get<DailyReportDto>('/duty/daily-report', { orgId, date, format: 'json' });
export const downloadDailyReport = (orgId: string | undefined, date: string, format: 'xlsx' | 'pdf') =>
  download('/duty/daily-report', { orgId, date, format }, `duty-report-${date}.${format}`);
