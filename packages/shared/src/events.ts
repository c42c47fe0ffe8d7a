import { z } from 'zod';

/** Realtime topics a WebSocket client may subscribe to. Each module adds its own. */
export const TOPICS = [
  'notifications',
  'audit',
  'orgs',
  'users',
  'incidents',
  'duty',
  'reports',
  'instructions',
  'resources',
  'warnings',
  'alarms',
  'devices',
  'notify',
  'consult',
] as const;
export type Topic = (typeof TOPICS)[number];

/** A topic name: modules use their domain (`incident`, `alarm` …), so any well-formed name is accepted. */
export const TopicName = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, '主题名格式不正确');

const Topics = z.array(TopicName).min(1).max(50);

/** Messages a client sends over /api/v1/ws. */
export const WsClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topics: Topics }).strict(),
  z.object({ type: z.literal('unsubscribe'), topics: Topics }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type WsClientMessage = z.infer<typeof WsClientMessage>;

/** Message envelope pushed over /api/v1/ws. */
export interface WsEvent<T = unknown> {
  type: 'event';
  topic: string;
  name: string;
  at: string;
  payload: T;
}

/** Sent on connect and after every (un)subscribe: the topics now subscribed. */
export interface WsReady {
  type: 'ready';
  topics: string[];
}

export interface WsPong {
  type: 'pong';
}

/** A client message the server could not accept; the connection stays open. */
export interface WsError {
  type: 'error';
  message: string;
}

export type WsServerMessage = WsReady | WsEvent | WsPong | WsError;

/** Close codes the server uses beyond the standard ones. */
export const WS_CLOSE = {
  /** No valid, fully signed-in session or token, or the session ended while connected. */
  unauthenticated: 4401,
  /** Cross-site connection attempt (Origin does not match the host). */
  forbiddenOrigin: 4403,
  /** The client does not read fast enough. */
  tooSlow: 4408,
} as const;
