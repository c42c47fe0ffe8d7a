import type { Platform } from '../../platform/ctx.js';

/**
 * Other MQTT clients than monitoring devices: a module registers a topic prefix (field trackers
 * publish on `vigil/track/{code}`) with its own credential check and message handler. The embedded
 * broker authenticates a client that is not a device against these handlers and lets it publish
 * only on its own topic under the prefix; the external-broker subscriber also subscribes to each
 * prefix. A handler's promise settles when the message is stored: the PUBACK follows it.
 */
export interface MqttTopicHandler {
  /** Topic prefix ending in `/`; the client's code follows it. */
  prefix: string;
  authenticate(platform: Platform, code: string, secret: string): Promise<'ok' | 'unknown' | 'disabled'>;
  /** Stores one message; rejects when it could not be stored (no PUBACK, the client resends). */
  handle(platform: Platform, code: string, payload: Buffer): Promise<void>;
  /** Records a publish by `code` to a topic that is not its own. */
  refuseTopic(platform: Platform, code: string, topic: string): Promise<void>;
}

const handlers: MqttTopicHandler[] = [];

/** Registers a handler (once per prefix; a second registration replaces the first). */
export function registerMqttTopicHandler(h: MqttTopicHandler): void {
  const i = handlers.findIndex((x) => x.prefix === h.prefix);
  if (i >= 0) handlers[i] = h;
  else handlers.push(h);
}

export function mqttTopicHandlers(): readonly MqttTopicHandler[] {
  return handlers;
}

/** The handler and client code of a topic, or null when no handler owns it. */
export function handlerOfTopic(topic: string): { handler: MqttTopicHandler; code: string } | null {
  for (const handler of handlers) {
    if (!topic.startsWith(handler.prefix)) continue;
    const code = topic.slice(handler.prefix.length);
    return code && !code.includes('/') ? { handler, code } : null;
  }
  return null;
}
