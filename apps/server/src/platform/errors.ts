/** Machine-readable error codes; each maps to one HTTP status. */
export const ERROR_STATUS = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLES: Record<ErrorCode, string> = {
  VALIDATION: '请求参数有误',
  BAD_REQUEST: '请求无效',
  UNAUTHENTICATED: '未登录或会话已过期',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '记录不存在',
  CONFLICT: '操作与当前状态冲突',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  LOCKED: '账户已锁定',
  RATE_LIMITED: '请求过于频繁',
  INTERNAL: '服务器内部错误',
  UNAVAILABLE: '服务暂不可用',
};

export interface FieldError {
  field: string;
  message: string;
}

/** The one error type services throw; the HTTP layer turns it into problem+json. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, detail?: string, opts?: { errors?: FieldError[]; extra?: Record<string, unknown> }) {
    super(detail ?? ERROR_TITLES[code]);
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.errors = opts?.errors;
    this.extra = opts?.extra;
  }
}

export function notFound(entity: string, id?: string): never {
  throw new AppError('NOT_FOUND', id ? `${entity} ${id} 不存在` : `${entity} 不存在`);
}

export function conflict(detail: string): never {
  throw new AppError('CONFLICT', detail);
}

export function forbidden(detail?: string): never {
  throw new AppError('FORBIDDEN', detail);
}

export function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION', message, { errors: [{ field, message }] });
}
