/** What an AWS SDK call's failure was, as a code and a one-line message: shared by every room that calls AWS. */

/** Messages are for a report line: long enough to act on, short enough to read. */
export const MAX_GAP_MESSAGE_LENGTH = 300;

/** Names that say nothing about the failure. */
const GENERIC_ERROR_NAMES = new Set(['Error', 'AggregateError', 'SystemError']);
const UNNAMED_SERVICE_ERRORS = new Set(['Unknown', 'UnknownError', 'Error']);

function stringField(value: object, key: string): string | undefined {
  const field: unknown = Reflect.get(value, key);
  return typeof field === 'string' && field.length > 0 ? field : undefined;
}

function httpStatusOf(value: object): number | undefined {
  const metadata: unknown = Reflect.get(value, '$metadata');
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const status: unknown = Reflect.get(metadata, 'httpStatusCode');
  return typeof status === 'number' ? status : undefined;
}

/**
 * The error code of anything an SDK call can throw:
 * - a service error (it has `$fault`) carries the AWS code as its `name` (`AccessDeniedException`,
 *   `UnauthorizedOperation`, `ThrottlingException`, `InternalFailure`); query protocols also set `Code`;
 * - a network failure is a plain error whose `code` is `ECONNREFUSED`, `ENOTFOUND`, `ETIMEDOUT`...;
 * - a response the SDK could not parse (an HTML 502 from a proxy, an emulator's plain-text 501)
 *   surfaces as a parse error with only an HTTP status: `HTTP501` says more than `SyntaxError`;
 * - anything else (TimeoutError, CredentialsProviderError, our IncompleteResponseError) by its name.
 */
export function errorCodeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'UnknownError';
  const name = stringField(error, 'name');
  const status = httpStatusOf(error);
  if ('$fault' in error) {
    const serviceCode = name ?? stringField(error, 'Code');
    // An error body without a code is deserialized as `Unknown`/`UnknownError`: the status says more.
    if (serviceCode !== undefined && !UNNAMED_SERVICE_ERRORS.has(serviceCode)) return serviceCode;
    return status === undefined ? (serviceCode ?? 'UnknownError') : `HTTP${status}`;
  }
  const systemCode = stringField(error, 'code');
  if (systemCode !== undefined) return systemCode;
  if (status !== undefined && status >= 300) return `HTTP${status}`;
  if (name !== undefined && !GENERIC_ERROR_NAMES.has(name)) return name;
  return stringField(error, 'Code') ?? name ?? 'UnknownError';
}

/** The codes AWS services use for "this principal may not call this": Lambda, IAM/STS, EC2. */
const ACCESS_DENIED_CODES = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);

export function isAccessDeniedCode(errorCode: string): boolean {
  return ACCESS_DENIED_CODES.has(errorCode);
}

/**
 * The message, on one line and trimmed. EC2's UnauthorizedOperation appends a long encoded blob
 * (readable only with sts:DecodeAuthorizationMessage): it is dropped, the sentence before it is kept.
 */
export function gapMessageOf(error: unknown, errorCode: string): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const oneLine = raw
    .replace(/\s*Encoded authorization failure message:[\s\S]*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const message = oneLine.length > 0 ? oneLine : errorCode;
  return message.length > MAX_GAP_MESSAGE_LENGTH
    ? `${message.slice(0, MAX_GAP_MESSAGE_LENGTH - 1)}…`
    : message;
}
