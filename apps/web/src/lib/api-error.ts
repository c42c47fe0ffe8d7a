/** One field-level problem reported by the server (`errors[]` of a problem+json body). */
export interface FieldError {
  field: string;
  message: string;
}

/** A failed API call, built from an RFC 9457 problem+json body (or a best guess when there is none). */
export class ApiError extends Error {
  /** Set when the error was already dealt with (a 401 that sent the person to /login): show nothing. */
  silent = false;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly fieldErrors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }

  /** The text to show a person: the server's `detail`, else its `title`. */
  get userMessage(): string {
    return this.detail || this.title;
  }
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  423: 'LOCKED',
  429: 'RATE_LIMITED',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fieldErrorsOf(v: unknown): FieldError[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((e: unknown) =>
    isRecord(e) && typeof e.field === 'string' && typeof e.message === 'string' ? [{ field: e.field, message: e.message }] : [],
  );
}

/** Builds an ApiError from an HTTP status and a decoded body (problem+json, other JSON, text or nothing). */
export function toApiError(status: number, body: unknown, fallbackTitle = `HTTP ${status}`): ApiError {
  const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'ERROR');
  if (!isRecord(body)) {
    const text = typeof body === 'string' ? body.trim().slice(0, 300) : '';
    return new ApiError(status, code, fallbackTitle, text);
  }
  const { type: _type, title, status: _status, code: bodyCode, detail, errors, instance: _instance, ...extra } = body;
  return new ApiError(
    status,
    typeof bodyCode === 'string' ? bodyCode : code,
    typeof title === 'string' ? title : fallbackTitle,
    typeof detail === 'string' ? detail : '',
    fieldErrorsOf(errors),
    extra,
  );
}

/** A form field's name path: `roles.0.roleId` → `['roles', 0, 'roleId']`. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export interface FormFieldError {
  name: (string | number)[];
  errors: string[];
}

/**
 * Groups an error's field errors by form field, ready for antd `form.setFields`. Only fields whose
 * first segment is in `known` are returned, so that errors about headers or the whole body stay out.
 */
export function toFormErrors(err: ApiError, known: readonly string[]): FormFieldError[] {
  const byField = new Map<string, string[]>();
  for (const e of err.fieldErrors) {
    const first = fieldPath(e.field)[0];
    if (typeof first !== 'string' || !known.includes(first)) continue;
    byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  }
  return [...byField].map(([field, errors]) => ({ name: fieldPath(field), errors }));
}
