import { connect, type IClientOptions, type IPublishPacket, type MqttClient, type Packet } from 'mqtt';
import { TELEMETRY_TOPIC_PREFIX } from '@vigil/shared';
import type { Logger } from '../../platform/logger.js';
import type { Platform } from '../../platform/ctx.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import { handlerOfTopic, mqttTopicHandlers } from './mqtt-topics.js';

/**
 * Ingestion from an external broker (Mosquitto, EMQX): one persistent session (fixed client id,
 * clean start off) subscribed to `vigil/telemetry/+` at QoS 1, acknowledging each message to the
 * broker only after its batch is committed, so the broker keeps and redelivers anything not yet
 * stored when this process dies.
 *
 * mqtt.js handles incoming packets strictly one after another: the next packet is read only when
 * the current one's `handleMessage` callback has run and its PUBACK was handed to the socket.
 * Holding that callback until the batch commits would serialise ingestion to one message per
 * flush. Instead the callback returns at once and the PUBACK itself is deferred: the client's
 * packet sender is wrapped so that a PUBACK for a message still being stored is released when
 * its batch commits (and dropped if the connection changed meanwhile: the broker redelivers).
 * MQTT 5 with a Receive Maximum of 65535 lets the broker keep that many messages in flight
 * instead of Mosquitto's default 20.
 */

export interface ExternalSubscriber {
  url: string;
  connected(): boolean;
  /** Publishes to devices through the broker (QoS 1, not retained); the broker's ACL decides who hears it. */
  publish(topic: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface SubscriberOptions {
  url: string;
  clientId: string;
  username?: string | undefined;
  password?: string | undefined;
  sharedGroup?: string | undefined;
  pipeline: IngestPipeline;
  log: Logger;
  /** Needed by other modules' topic handlers (field trackers, `vigil/track/+`). */
  platform?: Platform;
}

type SendPacket = (packet: Packet, cb?: (err?: Error) => void, cbStorePut?: () => void, noStore?: boolean) => void;

/** The topic filter: plain, or a shared subscription when several ingest instances share the load. */
export function subscriptionTopic(sharedGroup?: string, prefix: string = TELEMETRY_TOPIC_PREFIX): string {
  const filter = `${prefix}+`;
  return sharedGroup ? `$share/${sharedGroup}/${filter}` : filter;
}

/** The device code of a telemetry topic, or null when the topic is not one. */
export function deviceCodeOfTopic(topic: string): string | null {
  if (!topic.startsWith(TELEMETRY_TOPIC_PREFIX)) return null;
  const code = topic.slice(TELEMETRY_TOPIC_PREFIX.length);
  return code && !code.includes('/') ? code : null;
}

/** Connects, subscribes and starts ingesting; resolves once the first subscription is granted. */
export async function startExternalSubscriber(opts: SubscriberOptions): Promise<ExternalSubscriber> {
  const { pipeline, log } = opts;
  const options: IClientOptions = {
    clientId: opts.clientId,
    clean: false,
    protocolVersion: 5,
    properties: { sessionExpiryInterval: 7 * 86_400, receiveMaximum: 65_535 },
    reconnectPeriod: 1_000,
    connectTimeout: 10_000,
    keepalive: 30,
    ...(opts.username ? { username: opts.username } : {}),
    ...(opts.password ? { password: opts.password } : {}),
  };
  const client: MqttClient = connect(opts.url, options);
  /** Incremented on every (re)connect: PUBACKs of an earlier connection are never sent on a later one. */
  let generation = 0;
  const deferred = new Map<number, { generation: number; durable: Promise<void> }>();
  const releasing = new Set<Promise<void>>();

  // mqtt.js has no public hook to delay a PUBACK without blocking the reader (see above);
  // `_sendPacket` is the one place every outgoing packet passes through.
  const target = client as unknown as { _sendPacket: SendPacket };
  const send = target._sendPacket.bind(client) as SendPacket;
  target._sendPacket = (packet, cb, cbStorePut, noStore) => {
    const id = packet.cmd === 'puback' ? packet.messageId : undefined;
    const held = id === undefined ? undefined : deferred.get(id);
    if (id === undefined || !held) return send(packet, cb, cbStorePut, noStore);
    deferred.delete(id);
    cb?.();
    const release = held.durable.then(
      () => {
        if (held.generation === generation && client.connected) send(packet);
      },
      () => undefined, // not stored: no PUBACK, the broker redelivers
    );
    releasing.add(release);
    void release.finally(() => releasing.delete(release));
  };

  client.handleMessage = (packet: IPublishPacket, callback) => {
    const code = deviceCodeOfTopic(packet.topic);
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const other = code || !opts.platform ? null : handlerOfTopic(packet.topic);
    const judged = code
      ? pipeline.fromMqtt(code, payload).then((j) => j.durable)
      : other && opts.platform
        ? other.handler.handle(opts.platform, other.code, payload)
        : pipeline.refuse('mqtt', null, undefined, 'unknown_device', `topic ${packet.topic.slice(0, 200)}`);
    judged.catch((err: unknown) => log.error({ err }, 'telemetry message from the external broker was not stored'));
    if (packet.qos > 0 && packet.messageId !== undefined) deferred.set(packet.messageId, { generation, durable: judged });
    callback();
  };

  client.on('connect', () => {
    generation++;
    deferred.clear();
    log.info({ url: opts.url, clientId: opts.clientId }, 'connected to the MQTT broker');
  });
  client.on('error', (err) => log.warn({ err: err.message, url: opts.url }, 'MQTT broker connection error'));
  client.on('offline', () => log.warn({ url: opts.url }, 'MQTT broker unreachable; reconnecting'));

  const topic = subscriptionTopic(opts.sharedGroup);
  const topics = [topic, ...(opts.platform ? mqttTopicHandlers().map((h) => subscriptionTopic(opts.sharedGroup, h.prefix)) : [])];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.end(true);
      reject(new Error(`could not connect to the MQTT broker at ${opts.url} within 15 s (check MQTT_URL, MQTT_USERNAME/MQTT_PASSWORD)`));
    }, 15_000);
    const subscribe = () => {
      client.subscribe(topics, { qos: 1 }, (err, granted) => {
        if (err || !granted || granted.some((g) => g.qos > 2)) {
          clearTimeout(timer);
          client.end(true);
          reject(
            new Error(`the MQTT broker at ${opts.url} refused the subscription to ${topics.join(', ')}${err ? `: ${err.message}` : ''}`),
          );
          return;
        }
        clearTimeout(timer);
        resolve();
      });
    };
    if (client.connected) subscribe();
    else client.once('connect', subscribe);
  });

  return {
    url: opts.url,
    connected: () => client.connected,
    publish: async (topic, payload) => {
      await client.publishAsync(topic, payload, { qos: 1, retain: false });
    },
    async close() {
      // Give in-flight batches a moment to release their PUBACKs before the session goes offline.
      await Promise.race([Promise.allSettled([...releasing]), new Promise((r) => setTimeout(r, 2_000))]);
      await client.endAsync();
    },
  };
}
