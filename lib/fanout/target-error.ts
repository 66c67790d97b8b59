import { AssumeRoleError } from '../aws/assume-role.js';
import { errorCodeOf } from '../aws/error-codes.js';
import { AuditorError, errorMessage } from '../errors.js';
import type { TargetError, TargetRef, UnauditedTarget } from '../model/rollup.js';
import { accountRefOf } from './targets.js';

/** Messages are for a roll-up line: long enough to act on, short enough to read. */
const MAX_MESSAGE_LENGTH = 300;

/**
 * The code and message of whatever stopped a target. Our own errors carry the SDK's as `cause`, whose code
 * (AccessDenied, InvalidClientTokenId, ENOTFOUND) says more than `CollectionError`.
 */
export function targetErrorOf(error: unknown): TargetError {
  const code =
    error instanceof AssumeRoleError
      ? error.code
      : errorCodeOf(error instanceof AuditorError && error.cause !== undefined ? error.cause : error);
  const message = errorMessage(error).replace(/\s+/g, ' ').trim();
  return {
    code,
    message: message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message,
  };
}

/** The roll-up line of a target (or, without a region, a whole account) that `error` kept from being audited. */
export function unauditedTarget(
  target: TargetRef,
  status: UnauditedTarget['status'],
  error: unknown,
): UnauditedTarget {
  return {
    ...accountRefOf(target),
    ...(target.region === undefined ? {} : { region: target.region }),
    status,
    error: targetErrorOf(error),
  };
}
