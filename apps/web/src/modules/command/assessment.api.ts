import { useQuery } from '@tanstack/react-query';
import type {
  AssessmentDto,
  AssessmentSummaryDto,
  CorrectiveActionDto,
  CorrectiveActionInput,
  SituationDto,
  UpdateEvaluationInput,
} from '@vigil/shared';
import { download, http } from '../../lib/api';
import { COMMAND_KEY } from './command.api';

export const situationKey = (incidentId: string) => [...COMMAND_KEY, 'situation', incidentId] as const;
export const ASSESSMENTS_KEY = [...COMMAND_KEY, 'assessments'] as const;
export const assessmentKey = (id: string) => [...ASSESSMENTS_KEY, id] as const;

export const fetchSituation = (incidentId: string) => http.get<SituationDto>(`/incidents/${incidentId}/situation`);
export const downloadSituationPdf = (incidentId: string, title: string) =>
  download(`/incidents/${incidentId}/situation.pdf`, {}, `${title}-综合信息.pdf`);

export const fetchAssessments = () => http.get<{ items: AssessmentSummaryDto[] }>('/assessments').then((r) => r.items);
export const fetchAssessment = (id: string) => http.get<AssessmentDto>(`/assessments/${id}`);
export const updateEvaluation = (id: string, body: UpdateEvaluationInput) => http.put<AssessmentDto>(`/assessments/${id}/evaluation`, body);
export const addAction = (id: string, body: CorrectiveActionInput) => http.post<CorrectiveActionDto>(`/assessments/${id}/actions`, body);
export const closeAction = (id: string, actionId: string) =>
  http.post<CorrectiveActionDto>(`/assessments/${id}/actions/${actionId}/close`, {});
export const deleteAction = (id: string, actionId: string) => http.del<{ ok: true }>(`/assessments/${id}/actions/${actionId}`);
export const downloadAssessmentPdf = (id: string, name: string) => download(`/assessments/${id}/report.pdf`, {}, `${name}-应急评估.pdf`);

export function useSituation(incidentId: string) {
  return useQuery({ queryKey: situationKey(incidentId), queryFn: () => fetchSituation(incidentId), enabled: !!incidentId });
}

export function useAssessment(id: string) {
  return useQuery({ queryKey: assessmentKey(id), queryFn: () => fetchAssessment(id), enabled: !!id, meta: { silent: true } });
}

export function useAssessments() {
  return useQuery({ queryKey: ASSESSMENTS_KEY, queryFn: fetchAssessments });
}
