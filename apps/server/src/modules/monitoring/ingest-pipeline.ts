import type { TelemetryRejectReason } from '@vigil/shared';
import type { Logger } from '../../platform/logger.js';
import type { IngestDirectory, DirectoryDevice } from './ingest-directory.js';
import type { AcceptedReading, ReadingSink } from './reading.js';
import type { DeadLetter, ReadingWriter } from './reading-writer.js';
import { deviceRefusal, parseTelemetryPayload, snippet, validateTelemetry, type Rejection } from './telemetry-payload.js';

/**
 * One path for every transport: parse → judge against the device directory → hand the accepted
 * readings to the rule engine at once (alarms never wait for storage) → queue readings and dead
 * letters for the next batch. The returned `durable` promise settles when the batch committed;
 * transports acknowledge only then.
 */

export type Transport = 'mqtt' | 'http';

export interface Judged {
  accepted: AcceptedReading[];
  rejections: Rejection[];
  /** Set when the whole message was refused before its items were looked at. */
  messageRejection: { reason: TelemetryRejectReason; detail: string | null } | null;
  durable: Promise<void>;
}

export interface PipelineCounters {
  messages: number;
  acceptedReadings: number;
  rejectedReadings: number;
}

const PAYLOAD_MAX = 2048;

export class IngestPipeline {
  readonly counters: PipelineCounters = { messages: 0, acceptedReadings: 0, rejectedReadings: 0 };

  constructor(
    readonly directory: IngestDirectory,
    readonly writer: ReadingWriter,
    private readonly sink: ReadingSink,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** A message published to `vigil/telemetry/{code}`; the device is looked up (once) when not cached. */
  async fromMqtt(code: string, payload: Buffer): Promise<Judged> {
    const device = this.directory.get(code) ?? (await this.directory.resolve(code));
    return this.ingest('mqtt', code, device, payload);
  }

  /** An HTTP batch of an authenticated device. */
  fromHttp(device: DirectoryDevice, body: unknown): Judged {
    return this.ingest('http', device.code, device, body);
  }

  /** A message refused before its payload was read (topic not allowed for the device). */
  refuse(
    transport: Transport,
    code: string | null,
    device: DirectoryDevice | undefined,
    reason: TelemetryRejectReason,
    detail: string | null,
  ): Promise<void> {
    this.counters.messages++;
    this.counters.rejectedReadings++;
    return this.writer.submit(
      [],
      [
        {
          receivedAt: this.now(),
          transport,
          deviceCode: code,
          deviceId: device?.id ?? null,
          metric: null,
          reason,
          detail,
          payload: null,
        },
      ],
    );
  }

  private ingest(transport: Transport, code: string, device: DirectoryDevice | undefined, body: unknown): Judged {
    const receivedAt = this.now();
    this.counters.messages++;
    const dead = (
      reason: TelemetryRejectReason,
      detail: string | null,
      metric: string | null = null,
      payload: string | null = null,
    ): DeadLetter => ({
      receivedAt,
      transport,
      deviceCode: code.slice(0, 128),
      deviceId: device?.id ?? null,
      metric,
      reason,
      detail,
      payload,
    });
    const refused = deviceRefusal(device);
    const parsed = refused ? null : parseTelemetryPayload(body);
    if (refused || (parsed && !parsed.ok)) {
      const reason = refused ?? (parsed as { reason: TelemetryRejectReason }).reason;
      const detail = refused ? null : (parsed as { detail: string }).detail;
      this.counters.rejectedReadings++;
      return {
        accepted: [],
        rejections: [],
        messageRejection: { reason, detail },
        durable: this.writer.submit(
          [],
          [dead(reason, detail, null, snippet(Buffer.isBuffer(body) ? body.toString('utf8') : body, PAYLOAD_MAX))],
        ),
      };
    }
    const items = (parsed as { items: unknown[] }).items;
    const { accepted, rejections } = validateTelemetry(device!, items, receivedAt);
    this.counters.acceptedReadings += accepted.length;
    this.counters.rejectedReadings += rejections.length;
    if (accepted.length > 0) {
      try {
        this.sink.accept(accepted);
      } catch (err) {
        // The sink must not throw; if it does, storage and the acknowledgement still go ahead.
        this.log.error({ err }, 'reading sink threw');
      }
    }
    const deadLetters = rejections.map((r) => dead(r.reason, r.detail, r.metric, r.payload));
    return { accepted, rejections, messageRejection: null, durable: this.writer.submit(accepted, deadLetters) };
  }
}
