import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { ALERT_TOPIC_PREFIX, TELEMETRY_TOPIC_PREFIX } from '@vigil/shared';
import type { Platform } from '../../platform/ctx.js';
import type { Logger } from '../../platform/logger.js';
import { verifyDeviceSecret } from './device-secret.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import { mqttTopicHandlers, type MqttTopicHandler } from './mqtt-topics.js';
import { deviceRefusal } from './telemetry-payload.js';

/**
 * The embedded MQTT broker (Aedes) for laptop-size installs. Devices authenticate with their
 * code and secret, may publish only to `vigil/telemetry/{theirCode}` and may not subscribe.
 * A QoS 1 message is held in `authorizePublish` until its batch is committed: Aedes sends the
 * PUBACK right after that callback, so the acknowledgement means "stored". Aedes handles all
 * packets of one socket read at once and reads on when they are done, so many messages per
 * connection share one batch.
 *
 * A client that is not a device may be one of another module's (a field tracker, see
 * `mqtt-topics.ts`): it is authenticated by that module and may publish only on its own topic
 * under the module's prefix; its PUBACK likewise follows the module's commit.
 */

export interface EmbeddedBroker {
  port: number;
  connectedClients(): number;
  /** Publishes to devices (QoS 1, not retained): warnings on `vigil/alert/{code}`. */
  publish(topic: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface BrokerOptions {
  port: number;
  host: string;
  pipeline: IngestPipeline;
  log: Logger;
  /** Needed by other modules' topic handlers (field trackers); without it only devices connect. */
  platform?: Platform;
}

/** Start-up error when the port is taken: names the port and both ways out. */
export class MqttPortInUseError extends Error {
  readonly code = 'MQTT_PORT_IN_USE';
  constructor(port: number) {
    super(
      `MQTT port ${port} is already in use (another MQTT broker such as Mosquitto?). Either set MQTT_PORT to a free port ` +
        `(e.g. MQTT_PORT=${port === 1883 ? 1884 : port + 1}; MQTT_PORT=0 runs no embedded broker), or use the running broker ` +
        `with MQTT_URL=mqtt://127.0.0.1:${port} (device authentication and ACL are then that broker's job, see docs/device-protocol.md).`,
    );
    this.name = 'MqttPortInUseError';
    // The message says it all; a stack trace would only bury it in the start-up output.
    this.stack = `${this.name}: ${this.message}`;
  }
}

function authError(returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

const BAD_CREDENTIALS = 4;
const NOT_AUTHORIZED = 5;
const SERVER_UNAVAILABLE = 3;

/** Starts Aedes on `host:port` (0 = any free port) wired to the ingest pipeline. */
export async function startEmbeddedBroker(opts: BrokerOptions): Promise<EmbeddedBroker> {
  const { pipeline, log } = opts;
  const directory = pipeline.directory;
  const deviceOf = new WeakMap<Client, string>();
  const otherOf = new WeakMap<Client, { code: string; handler: MqttTopicHandler }>();
  const { platform } = opts;

  /** Tries the other modules' handlers for a client that is no device. */
  const authenticateOther = async (client: Client, code: string, secret: string): Promise<'ok' | 'unknown' | 'disabled'> => {
    if (!platform) return 'unknown';
    for (const handler of mqttTopicHandlers()) {
      const r = await handler.authenticate(platform, code, secret);
      if (r === 'ok') otherOf.set(client, { code, handler });
      if (r !== 'unknown') return r;
    }
    return 'unknown';
  };
  const broker = await Aedes.createBroker({ drainTimeout: 30_000, connectTimeout: 30_000, heartbeatInterval: 60_000 });

  broker.authenticate = (client, username, password, done) => {
    const code = username ?? '';
    const secret = password ? password.toString('utf8') : '';
    if (!code || !secret) return done(authError(BAD_CREDENTIALS, 'device code (username) and secret (password) are required'), false);
    directory.resolve(code).then(
      (device) => {
        if (!device) {
          authenticateOther(client, code, secret).then(
            (other) => {
              if (other === 'ok') return done(null, true);
              if (other === 'disabled') return done(authError(NOT_AUTHORIZED, `${code} is disabled`), false);
              return done(authError(BAD_CREDENTIALS, 'wrong device code or secret'), false);
            },
            (err: unknown) => {
              log.error({ err, code }, 'client lookup failed during MQTT authentication');
              done(authError(SERVER_UNAVAILABLE, 'directory unavailable'), false);
            },
          );
          return;
        }
        if (!verifyDeviceSecret(secret, device.secretHash)) return done(authError(BAD_CREDENTIALS, 'wrong device code or secret'), false);
        if (deviceRefusal(device)) return done(authError(NOT_AUTHORIZED, `device ${code} is ${device.status}`), false);
        deviceOf.set(client, device.code);
        done(null, true);
      },
      (err: unknown) => {
        log.error({ err, code }, 'device lookup failed during MQTT authentication');
        done(authError(SERVER_UNAVAILABLE, 'device directory unavailable'), false);
      },
    );
  };

  broker.authorizePublish = (client, packet, callback) => {
    const other = client ? otherOf.get(client) : undefined;
    if (other && platform) {
      packet.retain = false;
      if (packet.topic !== other.handler.prefix + other.code) {
        log.warn({ code: other.code, topic: packet.topic.slice(0, 200) }, 'client published outside its topic; disconnected');
        // The refusal is on record before the client is refused (and disconnected).
        const topic = packet.topic;
        void other.handler
          .refuseTopic(platform, other.code, topic)
          .catch((err: unknown) => log.error({ err }, 'could not record a refused publish'))
          .finally(() => callback(new Error(`${other.code} may not publish to ${topic}`)));
        return;
      }
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      other.handler.handle(platform, other.code, payload).then(
        () => callback(null),
        (err: Error) => {
          log.error({ err, code: other.code }, 'message could not be stored');
          callback(err);
        },
      );
      return;
    }
    const code = client ? deviceOf.get(client) : undefined;
    if (!client || !code) return callback(new Error('only authenticated devices may publish'));
    if (packet.topic !== TELEMETRY_TOPIC_PREFIX + code) {
      log.warn({ code, topic: packet.topic.slice(0, 200) }, 'device published outside its topic; disconnected');
      pipeline
        .refuse('mqtt', code, directory.get(code), 'forbidden_topic', packet.topic.slice(0, 200))
        .catch((err: unknown) => log.error({ err }, 'could not record a refused publish'));
      return callback(new Error(`device ${code} may not publish to ${packet.topic}`));
    }
    // Nothing is retained for later subscribers: telemetry is stored, not kept on the broker.
    packet.retain = false;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    pipeline.fromMqtt(code, payload).then(
      (judged) => {
        if (packet.qos === 0) {
          judged.durable.catch(() => undefined);
          return callback(null);
        }
        judged.durable.then(
          () => callback(null),
          (err: Error) => callback(err),
        );
      },
      (err: Error) => {
        log.error({ err, code }, 'telemetry message could not be judged');
        callback(err);
      },
    );
  };

  // Devices only publish; subscriptions are refused (SUBACK 0x80), the connection stays.
  // A device may subscribe to its own alert topic only; any other filter is refused.
  broker.authorizeSubscribe = (client, sub, callback) => {
    const code = client ? deviceOf.get(client) : undefined;
    callback(null, code && sub.topic === ALERT_TOPIC_PREFIX + code ? sub : null);
  };

  broker.on('clientError', (client, err) => log.debug({ client: client?.id, err: err.message }, 'mqtt client error'));

  const server: Server = createServer(broker.handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await new Promise<void>((r) => broker.close(() => r()));
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new MqttPortInUseError(opts.port);
    throw err;
  }
  server.on('error', (err) => log.error({ err }, 'mqtt listener error'));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;

  return {
    port,
    connectedClients: () => broker.connectedClients,
    publish: (topic, payload) =>
      new Promise<void>((resolve, reject) =>
        broker.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain: false, dup: false }, (err) =>
          err ? reject(err) : resolve(),
        ),
      ),
    async close() {
      await new Promise<void>((r) => broker.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
