/** Realtime topics a WebSocket client may subscribe to. Each module adds its own. */
export const TOPICS = ['notifications', 'audit', 'orgs', 'users'] as const;
export type Topic = (typeof TOPICS)[number];

/** Message envelope pushed over /api/v1/ws. */
export interface WsEvent<T = unknown> {
  type: 'event';
  topic: string;
  name: string;
  at: string;
  payload: T;
}
