import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERROR_TITLES, type ErrorCode, type FieldError } from '../errors.js';

export const PROBLEM_TYPE_BASE = 'https://vigil.example/problems/';

function send(
  reply: FastifyReply,
  req: FastifyRequest,
  code: ErrorCode,
  status: number,
  detail: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `${PROBLEM_TYPE_BASE}${code.toLowerCase()}`,
      title: ERROR_TITLES[code],
      status,
      code,
      detail,
      instance: req.url.split('?')[0],
      requestId: req.id,
      ...(errors ? { errors } : {}),
      ...(extra ?? {}),
    });
}

function fieldName(path: readonly string[], where: string): string {
  const p = path.join('.');
  return p || where;
}

/** The one error handler: every failure leaves as RFC 9457 problem+json; 5xx hide internals. */
export function problemHandler(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return send(reply, req, err.code, err.status, err.message, err.errors, err.extra);
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const where = fe.validationContext ?? 'body';
    const errors = fe.validation.flatMap((v) => {
      const path = v.instancePath.split('/').filter(Boolean);
      // An unknown field is reported under its own name, not under its parent object.
      const keys = (v.params as { keys?: unknown }).keys;
      if (v.keyword === 'unrecognized_keys' && Array.isArray(keys) && keys.length > 0) {
        return keys.map((k) => ({ field: fieldName([...path, String(k)], where), message: '不允许的字段' }));
      }
      return [{ field: fieldName(path, where), message: v.message ?? '无效' }];
    });
    return send(reply, req, 'VALIDATION', 400, `${where} 参数校验失败：${errors.map((e) => `${e.field} ${e.message}`).join('；')}`, errors);
  }
  if (isResponseSerializationError(fe)) {
    req.log.error({ err: fe, cause: fe.cause }, 'response did not match its schema');
    return send(reply, req, 'INTERNAL', 500, `服务器内部错误，请求编号 ${req.id}`);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(reply, req, 'BAD_REQUEST', 400, '请求体不是合法的 JSON', [{ field: 'body', message: '不是合法的 JSON' }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(reply, req, 'PAYLOAD_TOO_LARGE', 413, '请求内容超过大小限制', [{ field: 'body', message: '超过大小限制' }]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return send(reply, req, 'UNSUPPORTED_MEDIA_TYPE', 415, '不支持的内容类型', [{ field: 'content-type', message: '不支持' }]);
    case 'FST_ERR_RATE_LIMIT_EXCEEDED':
      return send(reply, req, 'RATE_LIMITED', 429, '请求过于频繁，请稍后再试');
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode =
      fe.statusCode === 404
        ? 'NOT_FOUND'
        : fe.statusCode === 429
          ? 'RATE_LIMITED'
          : fe.statusCode === 413
            ? 'PAYLOAD_TOO_LARGE'
            : fe.statusCode === 415
              ? 'UNSUPPORTED_MEDIA_TYPE'
              : 'BAD_REQUEST';
    return send(reply, req, code, fe.statusCode, fe.message);
  }
  req.log.error({ err }, 'unhandled error');
  if (process.env.VIGIL_DEBUG_ERRORS) console.error(err);
  return send(reply, req, 'INTERNAL', 500, `服务器内部错误，请求编号 ${req.id}`);
}

/** Unknown routes also answer in problem+json. */
export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return send(reply, req, 'NOT_FOUND', 404, `未找到 ${req.method} ${req.url.split('?')[0]}`);
}
