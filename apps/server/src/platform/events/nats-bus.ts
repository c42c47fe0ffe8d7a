import type { Logger } from '../logger.js';
import { LocalBus, type EventBus } from './bus.js';

/** Placeholder until the NATS JetStream bus lands: falls back to the local bus with a warning. */
export async function connectNatsBus(url: string, log: Logger): Promise<EventBus> {
  log.warn({ url }, 'NATS bus not available in this build; using the in-process bus');
  return Promise.resolve(new LocalBus(log));
}
