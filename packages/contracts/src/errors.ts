import { Type, type Static } from '@sinclair/typebox';

/** Stable error codes: clients branch on these; the message is for people. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_FIELD',
  'NOT_FOUND',
  'TICKET_NOT_FOUND',
  'REQUEST_NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_FAILED',
  'INVALID_CREDENTIALS',
  'LOGIN_THROTTLED',
  'RATE_LIMITED',
  'INVALID_PHONE',
  'UNKNOWN_CATEGORY',
  'UNKNOWN_JURISDICTION',
  'UNKNOWN_UNIT',
  'UNKNOWN_ATTACHMENT',
  'ACTION_NOT_ALLOWED_IN_STATE',
  'ACTION_FORBIDDEN',
  'NO_MATCHING_BRANCH',
  'VERSION_CONFLICT',
  'FILE_TOO_LARGE',
  'FILE_TYPE_NOT_ALLOWED',
  'TOO_MANY_FILES',
  'NO_TIME_LIMIT_POLICY',
  'DUPLICATE',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.Unsafe<ErrorCode>({ type: 'string', enum: [...ERROR_CODES] }),
    message: Type.String({ description: '面向用户的中文说明' }),
    details: Type.Optional(
      Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
    ),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;
