import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAuditNow, type AuditEntry } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, type ErrorCode, type FieldError } from '../../platform/errors.js';

/**
 * A refusal (403/409/400 under a policy) that must leave an audit row although its transaction
 * rolls back. The row is written by `runAudited` after the rollback: the embedded database has a
 * single connection, so a second transaction cannot open while the use case's one is still live.
 * Out-of-scope 404s use the platform's `denyOutOfScope`, which works the same way.
 */
export class AuditedRefusal extends AppError {
  readonly audit: AuditEntry;
  constructor(code: ErrorCode, detail: string, audit: AuditEntry, errors?: FieldError[]) {
    super(code, detail, errors ? { errors } : undefined);
    this.audit = audit;
  }
}

/** Throws a refusal audited as `denied` under `action` (the action that was attempted). */
export function refuse(
  code: ErrorCode,
  detail: string,
  audit: { action: string; entity: string; entityId: string | null; after?: unknown },
  field?: string,
): never {
  throw new AuditedRefusal(
    code,
    detail,
    { ...audit, result: 'denied', after: { reason: detail, ...(audit.after as object | undefined) } },
    field ? [{ field, message: detail }] : undefined,
  );
}

/** Runs a use case in a transaction as the request's actor; refusals are audited once it has rolled back. */
export async function runAudited<T>(app: FastifyInstance, req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  try {
    return await app.run(req, fn);
  } catch (err) {
    if (err instanceof AuditedRefusal) await recordAuditNow(app.platform, req.actor, req.meta, err.audit);
    throw err;
  }
}
