import type {
  DeadlineDto,
  InstructionDto,
  IssueInstructionInput,
  PageOf,
  ReportChainDto,
  ReportDto,
  ReportStatsDto,
  SubmitReportInput,
} from '@vigil/shared';
import { download, http } from '../../lib/api';

export const REPORTS_KEY = ['reports'] as const;
export const INSTRUCTIONS_KEY = ['instructions'] as const;
export const chainKey = (incidentId: string) => [...REPORTS_KEY, 'chain', incidentId] as const;
export const incidentInstructionsKey = (incidentId: string) => [...INSTRUCTIONS_KEY, 'incident', incidentId] as const;

export const fetchChain = (incidentId: string) => http.get<ReportChainDto>(`/incidents/${incidentId}/reports`);
export const submitReport = (incidentId: string, input: SubmitReportInput) =>
  http.post<ReportDto>(`/incidents/${incidentId}/reports`, input);
export const acknowledgeReport = (id: string) => http.post<ReportDto>(`/reports/${id}/ack`);
export const forwardReport = (id: string, text?: string) => http.post<ReportDto>(`/reports/${id}/forward`, text ? { text } : {});

export const fetchInbox = (q: { unacknowledged?: 'true' | 'false'; limit: number; cursor?: string }) =>
  http.get<PageOf<ReportDto>>('/reports/inbox', q);
export const fetchOverdue = (q: { open?: 'true' | 'false'; orgId?: string; limit: number; cursor?: string }) =>
  http.get<PageOf<DeadlineDto>>('/reports/overdue', q);

export interface StatsFilters {
  from?: string;
  to?: string;
  groupBy: 'county' | 'month';
}
export const fetchStats = (q: StatsFilters) => http.get<ReportStatsDto>('/reports/stats', { ...q });
export const exportStats = (q: StatsFilters) => download('/reports/stats/export', { ...q, format: 'xlsx' }, 'report-stats.xlsx');

export const fetchIncidentInstructions = (incidentId: string) =>
  http.get<PageOf<InstructionDto>>(`/incidents/${incidentId}/instructions`).then((r) => r.items);
export const fetchMyInstructions = (q: { open?: 'true' | 'false'; limit: number; cursor?: string }) =>
  http.get<PageOf<InstructionDto>>('/instructions/mine', q);
export const issueInstruction = (incidentId: string, input: IssueInstructionInput) =>
  http.post<InstructionDto>(`/incidents/${incidentId}/instructions`, input);
export const acknowledgeInstruction = (id: string) => http.post<InstructionDto>(`/instructions/${id}/ack`);
export const answerInstruction = (id: string, text: string) => http.post<InstructionDto>(`/instructions/${id}/feedback`, { text });
