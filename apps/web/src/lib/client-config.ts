import { useQuery } from '@tanstack/react-query';
import { http } from './api';

/** What the server tells the app before login (`GET /client-config`). */
export interface ClientConfig {
  profile: 'command' | 'extranet' | 'internet';
  version: string;
  basemap: { url: string; attribution: string } | null;
  demo: boolean;
  /** Issuing bureau shown in the public portal's header; null when not configured. */
  bureau?: string | null;
}

/** The server's start-up settings for the web app; fetched once per page load. */
export function useClientConfig() {
  return useQuery({
    queryKey: ['client-config'],
    queryFn: () => http.get<ClientConfig>('/client-config'),
    staleTime: Infinity,
    meta: { silent: true },
  });
}
