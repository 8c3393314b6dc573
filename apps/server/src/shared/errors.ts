import { zhCN, type ErrorCode } from '@jiesu/contracts';

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNKNOWN_FIELD: 400,
  INVALID_PHONE: 400,
  UNKNOWN_CATEGORY: 400,
  UNKNOWN_JURISDICTION: 400,
  UNKNOWN_UNIT: 400,
  UNKNOWN_ATTACHMENT: 400,
  NO_MATCHING_BRANCH: 400,
  FILE_TYPE_NOT_ALLOWED: 400,
  TOO_MANY_FILES: 400,
  NO_TIME_LIMIT_POLICY: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  ACTION_FORBIDDEN: 403,
  NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  REQUEST_NOT_FOUND: 404,
  ACTION_NOT_ALLOWED_IN_STATE: 409,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  FILE_TOO_LARGE: 413,
  PAYLOAD_TOO_LARGE: 413,
  LOGIN_THROTTLED: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** A failure the client can act on: a stable code, an HTTP status, a Chinese message. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: Array<{ path: string; message: string }>,
    message?: string,
  ) {
    super(message ?? zhCN.error[code]);
    this.status = STATUS[code] ?? 400;
  }
}
