import type {
  AlarmDetailDto,
  AlarmDto,
  AlarmIncidentDraft,
  AlarmListQuery,
  AlarmStatsDto,
  DashboardDevicesDto,
  DeviceDto,
  DeviceTypeDto,
  EscalationPolicyDto,
  EscalationPolicyInput,
  EscalationPolicyUpdate,
  PageOf,
  ReadingSeriesDto,
  RuleDto,
  RuleInput,
  RuleTestInput,
  RuleTestResult,
  RuleUpdateInput,
} from '@vigil/shared';
import { http } from '../../../lib/api';

export const ALARMS_KEY = ['monitoring', 'alarms'] as const;
export const alarmKey = (id: string) => [...ALARMS_KEY, 'one', id] as const;
export const RULES_KEY = ['monitoring', 'rules'] as const;
export const POLICIES_KEY = ['monitoring', 'escalation-policies'] as const;
export const STATS_KEY = ['monitoring', 'alarm-stats'] as const;

export type AlarmFilters = Partial<Omit<AlarmListQuery, 'limit' | 'cursor'>>;

export const fetchAlarms = (f: AlarmFilters & { limit: number; cursor?: string | undefined }) =>
  http.get<PageOf<AlarmDto>>('/monitoring/alarms', { ...f });
export const fetchAlarm = (id: string) => http.get<AlarmDetailDto>(`/monitoring/alarms/${id}`);
export const fetchIncidentDraft = (id: string) => http.get<AlarmIncidentDraft>(`/monitoring/alarms/${id}/incident-draft`);

/** The lifecycle actions; each answers with the alarm as it now is. */
export const alarmAction = (
  id: string,
  action: 'acknowledge' | 'assign' | 'comment' | 'escalate' | 'close' | 'false-alarm' | 'convert',
  body: object,
) => http.post<AlarmDto>(`/monitoring/alarms/${id}/${action}`, body);

export const fetchStats = (q: { from?: string; to?: string }) => http.get<AlarmStatsDto>('/monitoring/alarm-stats', q);
export const fetchSeries = (pointId: string, from: string, to: string) =>
  http.get<ReadingSeriesDto>(`/monitoring/points/${pointId}/readings`, { from, to });
export const fetchDashboardDevices = () => http.get<DashboardDevicesDto>('/monitoring/dashboard/devices');

export const fetchRules = (q: { q?: string; kind?: string; enabled?: string; includeArchived?: string } = {}) =>
  http.get<PageOf<RuleDto>>('/monitoring/rules', { limit: 500, ...q });
export const createRule = (body: RuleInput) => http.post<RuleDto>('/monitoring/rules', body);
export const updateRule = (id: string, body: RuleUpdateInput) => http.put<RuleDto>(`/monitoring/rules/${id}`, body);
export const ruleAction = (id: string, action: 'enable' | 'disable' | 'archive', version: number) =>
  http.post<RuleDto>(`/monitoring/rules/${id}/${action}`, { version });
export const testRule = (body: RuleTestInput) => http.post<RuleTestResult>('/monitoring/rules/test', body);

export const fetchPolicies = () => http.get<{ items: EscalationPolicyDto[] }>('/monitoring/escalation-policies');
export const createPolicy = (body: EscalationPolicyInput) => http.post<EscalationPolicyDto>('/monitoring/escalation-policies', body);
export const updatePolicy = (id: string, body: EscalationPolicyUpdate) =>
  http.put<EscalationPolicyDto>(`/monitoring/escalation-policies/${id}`, body);
export const archivePolicy = (id: string, version: number) =>
  http.post<EscalationPolicyDto>(`/monitoring/escalation-policies/${id}/archive`, { version });

/** Device types and devices, for choosing what a rule watches and whose trend to draw (the devices API). */
export const fetchDeviceTypes = () => http.get<DeviceTypeDto[]>('/monitoring/device-types');
export const fetchDevice = (id: string) => http.get<DeviceDto>(`/monitoring/devices/${id}`);
export const fetchDevices = (q: { q?: string; limit?: number }) => http.get<PageOf<DeviceDto>>('/monitoring/devices', { limit: 20, ...q });
export const fetchAssignees = (id: string) =>
  http.get<{ items: { id: string; name: string; orgName: string }[] }>(`/monitoring/alarms/${id}/assignees`);
