import { AssumeRoleCommand, type AssumeRoleCommandOutput, type STSClient } from '@aws-sdk/client-sts';
import { AuditorError } from '../errors.js';
import type { Partition } from '../model/partition.js';
import type { Credentials } from './clients.js';
import { errorCodeOf, gapMessageOf } from './error-codes.js';

/** `--org` and the fan-out assume the member role in each account they audit. */
export const ASSUME_ROLE_ACTIONS = ['sts:AssumeRole'] as const;

/**
 * One hour: a role's default maximum session, and the cap AWS puts on a session assumed from another role's
 * session (role chaining, as from a Lambda function's role). Longer audits do not need more: the credentials
 * are renewed before they expire.
 */
export const SESSION_DURATION_SECONDS = 3600;
/** Renewed this long before they expire, so no call is signed with credentials about to lapse. */
const RENEW_BEFORE_MS = 5 * 60_000;

/** A role that could not be assumed; `code` is AWS's (AccessDenied when the role is missing or does not trust us). */
export class AssumeRoleError extends AuditorError {
  readonly code: string;

  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** `arn:<partition>:iam::<account>:role/<name>`; the name may carry a path (`audit/lambda-vpc-audit`). */
export function memberRoleArn(partition: Partition, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** The session name CloudTrail shows in the member account: the tool and the run, in STS's alphabet and length. */
export function sessionNameFor(runId: string): string {
  return `lambda-vpc-audit-${runId}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
}

export interface AssumeRoleRequest {
  roleArn: string;
  sessionName: string;
}

type Identity = { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date };

async function callAssumeRole(sts: STSClient, request: AssumeRoleRequest): Promise<Identity> {
  let response: AssumeRoleCommandOutput;
  try {
    response = await sts.send(
      new AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        DurationSeconds: SESSION_DURATION_SECONDS,
      }),
    );
  } catch (error) {
    const code = errorCodeOf(error);
    throw new AssumeRoleError(`Cannot assume ${request.roleArn}: ${gapMessageOf(error, code)}`, code, {
      cause: error,
    });
  }
  const credentials = response.Credentials;
  if (
    credentials?.AccessKeyId === undefined ||
    credentials.SecretAccessKey === undefined ||
    credentials.SessionToken === undefined ||
    credentials.Expiration === undefined
  ) {
    throw new AssumeRoleError(
      `STS answered AssumeRole for ${request.roleArn} without complete credentials.`,
      'IncompleteResponse',
    );
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration,
  };
}

/**
 * Assumes the role once, now, so a role that cannot be assumed is known before any audit starts (throws
 * AssumeRoleError), and returns a provider every client of that account shares: one AssumeRole per hour per
 * account, however many regions and clients use it, renewed shortly before the session ends.
 */
export async function assumeRole(
  sts: STSClient,
  request: AssumeRoleRequest,
  now: () => number = Date.now,
): Promise<Credentials> {
  let identity = await callAssumeRole(sts, request);
  let renewal: Promise<Identity> | undefined;
  return async () => {
    if (identity.expiration.getTime() - now() > RENEW_BEFORE_MS) return identity;
    // Clients asking at the same time share one renewal.
    renewal ??= callAssumeRole(sts, request).finally(() => {
      renewal = undefined;
    });
    identity = await renewal;
    return identity;
  };
}
