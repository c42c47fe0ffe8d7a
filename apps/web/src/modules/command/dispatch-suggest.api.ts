import { useQuery } from '@tanstack/react-query';
import type { ActiveResponseDto, ResponseSuggestionsDto } from '@vigil/shared';
import { download, http } from '../../lib/api';
import { COMMAND_KEY } from './command.api';

export const suggestionsKey = (responseId: string, radiusKm: number) => [...COMMAND_KEY, 'suggestions', responseId, radiusKm] as const;
export const ACTIVE_RESPONSES_KEY = [...COMMAND_KEY, 'active-responses'] as const;

/** 周边资源建议 of a response: teams, warehouses, shelters and experts around its post or incident. */
export const fetchSuggestions = (responseId: string, radiusKm: number) =>
  http.get<ResponseSuggestionsDto>(`/responses/${responseId}/suggestions`, { radiusKm, limit: 5 });
export const fetchActiveResponses = () => http.get<{ items: ActiveResponseDto[] }>('/responses/active').then((r) => r.items);
/** The situation summary as a Word document (综合信息汇总 .docx). */
export const downloadSituationDocx = (incidentId: string, title: string) =>
  download(`/incidents/${incidentId}/situation.docx`, {}, `${title}-综合信息.docx`);

export function useSuggestions(responseId: string, radiusKm: number, enabled = true) {
  return useQuery({
    queryKey: suggestionsKey(responseId, radiusKm),
    queryFn: () => fetchSuggestions(responseId, radiusKm),
    enabled: enabled && !!responseId,
    staleTime: 30_000,
  });
}

export function useActiveResponses(enabled: boolean) {
  return useQuery({ queryKey: ACTIVE_RESPONSES_KEY, queryFn: fetchActiveResponses, enabled });
}
