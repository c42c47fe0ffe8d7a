import { AppError, type ErrorCode, type FieldError } from '../errors.js';
import type { AuditEntry } from './audit.js';

/**
 * A refusal (404 out of scope, 403/409/400 under a policy) that must leave an audit row although
 * its transaction rolls back. `inTransaction` writes the row after the rollback: the embedded
 * database has a single connection, so a second transaction cannot open while the first is live.
 */
export class AuditedError extends AppError {
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
  throw new AuditedError(
    code,
    detail,
    { ...audit, result: 'denied', after: { reason: detail, ...(audit.after as object | undefined) } },
    field ? [{ field, message: detail }] : undefined,
  );
}
