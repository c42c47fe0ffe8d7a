import { TELEMETRY_MAX_READINGS, TelemetryAccepted, type TelemetryRejection } from '@vigil/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { verifyDeviceSecret } from './device-secret.js';
import type { DirectoryDevice } from './ingest-directory.js';
import { runningIngest } from './ingest.service.js';
import { deviceRefusal, rejectionMessage, type Rejection } from './telemetry-payload.js';
import { parseDeviceAuthorization } from './telemetry-auth.js';

const tags = ['monitoring'];
const AUTH_HINT = 'Authorization: Device <设备编码>:<设备密钥>';

/** Field path of a refused item in the body: `values.level` for an object body, `3.values.level` in an array. */
function fieldOf(r: Rejection, isArray: boolean): string {
  const at = r.metric === null ? '' : `values.${r.metric}`;
  if (!isArray) return at || 'body';
  return at ? `${r.index}.${at}` : String(r.index);
}

function toRejection(r: Rejection): TelemetryRejection {
  return { index: r.index, metric: r.metric, reason: r.reason, message: rejectionMessage(r.reason, r.detail) };
}

/**
 * HTTP ingestion for devices that cannot speak MQTT: the same body as an MQTT message, at most
 * 1,000 readings, answered 202 only once the accepted readings are stored. The body is read as
 * bytes and parsed here so that malformed JSON is recorded like any other refused message.
 */
export const telemetryRoutes: FastifyPluginAsyncZod = async (app) => {
  const devices = new WeakMap<FastifyRequest, DirectoryDevice>();
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.post(
    '/telemetry',
    {
      config: { csrf: false },
      schema: {
        tags,
        summary: `设备上报监测数据（${AUTH_HINT}；JSON 对象或数组，单次最多 ${TELEMETRY_MAX_READINGS} 个读数；数据落库后返回 202）`,
        response: { 202: TelemetryAccepted },
      },
      // Before the body is read: an unauthenticated caller costs no parsing and leaves no dead letter.
      onRequest: async (req) => {
        const creds = parseDeviceAuthorization(req.headers.authorization);
        if (!creds)
          throw new AppError('UNAUTHENTICATED', `缺少设备凭据，请使用 ${AUTH_HINT}`, {
            errors: [{ field: 'authorization', message: '缺少或格式错误' }],
          });
        const ingest = runningIngest(app.platform);
        if (!ingest) throw new AppError('UNAVAILABLE', '本实例未运行数据接入服务（ROLES 需包含 ingest）');
        const device = await ingest.pipeline.directory.resolve(creds.code);
        if (!device || !verifyDeviceSecret(creds.secret, device.secretHash)) {
          throw new AppError('UNAUTHENTICATED', '设备编码或密钥错误', { errors: [{ field: 'authorization', message: '设备认证失败' }] });
        }
        if (deviceRefusal(device)) throw new AppError('FORBIDDEN', `设备 ${device.code} 已停用或报废，不接收数据`);
        devices.set(req, device);
      },
    },
    async (req, reply) => {
      const ingest = runningIngest(app.platform);
      const device = devices.get(req);
      if (!ingest || !device) throw new AppError('UNAVAILABLE', '本实例未运行数据接入服务（ROLES 需包含 ingest）');
      if (ingest.pipeline.writer.pending > app.platform.config.TELEMETRY_MAX_PENDING) {
        reply.header('retry-after', '5');
        throw new AppError('UNAVAILABLE', '数据写入积压，请稍后重试');
      }
      const body: unknown = req.body === undefined || req.body === null ? Buffer.alloc(0) : req.body;
      const judged = ingest.pipeline.fromHttp(device, body);
      await judged.durable;
      if (judged.messageRejection) {
        const { reason, detail } = judged.messageRejection;
        const message = rejectionMessage(reason, detail);
        if (reason === 'too_many_readings') {
          throw new AppError('PAYLOAD_TOO_LARGE', `单次最多上报 ${TELEMETRY_MAX_READINGS} 个读数，请分批发送`, {
            errors: [{ field: 'body', message }],
          });
        }
        throw new AppError('VALIDATION', message, { errors: [{ field: 'body', message }] });
      }
      const isArray = (() => {
        const first = Buffer.isBuffer(body) ? body.subarray(0, 64).toString('utf8').trimStart()[0] : undefined;
        return first === '[';
      })();
      const result: TelemetryAccepted = {
        accepted: judged.accepted.length,
        rejected: judged.rejections.length,
        rejections: judged.rejections.map(toRejection),
      };
      if (result.accepted === 0 && result.rejected > 0) {
        const errors = judged.rejections
          .slice(0, 100)
          .map((r) => ({ field: fieldOf(r, isArray), message: rejectionMessage(r.reason, r.detail) }));
        throw new AppError('VALIDATION', `全部 ${result.rejected} 个读数被拒收：${errors[0]!.message}`, { errors, extra: { ...result } });
      }
      return reply.code(202).send(result);
    },
  );
};
