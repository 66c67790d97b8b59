import { errorCodeOf, gapMessageOf } from '../aws/error-codes.js';

/** `AccessDenied: Access Denied`: the AWS error code and its one-line message, for logs and responses. */
export function describeError(error: unknown): string {
  const code = errorCodeOf(error);
  const message = gapMessageOf(error, code);
  return message === code || message.includes(code) ? message : `${code}: ${message}`;
}
