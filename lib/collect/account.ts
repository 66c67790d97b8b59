import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { errorCodeOf, gapMessageOf } from '../aws/error-codes.js';
import { describeProfileProblem } from '../aws/profiles.js';
import { CollectionError } from '../errors.js';

/** GetCallerIdentity needs no permission (it cannot be denied); listed so the policy documents every call. */
export const STS_ACTIONS = ['sts:GetCallerIdentity'] as const;

/** Codes STS gives for credentials that exist but are not (or no longer) valid. */
const REJECTED_CREDENTIAL_CODES = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
]);

function isMissingCredentials(error: unknown, errorCode: string): boolean {
  const message = error instanceof Error ? error.message : '';
  return errorCode === 'CredentialsProviderError' || /could not load credentials/i.test(message);
}

/** One line a user can act on; the SDK error stays as `cause` for logs. */
export function collectionErrorFor(error: unknown, region: string): CollectionError {
  const errorCode = errorCodeOf(error);
  const message = gapMessageOf(error, errorCode);
  // `getaddrinfo ENOTFOUND ...` already names its code; `Rate exceeded` does not.
  const detail = message.includes(errorCode) ? message : `${errorCode}: ${message}`;
  if (isMissingCredentials(error, errorCode)) {
    return new CollectionError(
      'No AWS credentials found: set AWS_PROFILE, use --profile, or configure the default credential chain.',
      { cause: error },
    );
  }
  if (REJECTED_CREDENTIAL_CODES.has(errorCode)) {
    return new CollectionError(`AWS rejected the credentials: ${detail}`, { cause: error });
  }
  return new CollectionError(`Cannot reach AWS STS in region ${region}: ${detail}`, { cause: error });
}

/**
 * The account being audited (`profile`: the named profile the clients use, if any). Called before anything else: without credentials or a reachable region
 * every other call would fail too, and one clear error beats a snapshot made only of gaps.
 */
export async function getAccountId(sts: STSClient, region: string, profile?: string): Promise<string> {
  let account: string | undefined;
  try {
    account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (error) {
    // With a named profile, "set AWS_PROFILE or use --profile" is no help: say what is wrong with that profile.
    if (profile !== undefined && isMissingCredentials(error, errorCodeOf(error))) {
      throw new CollectionError(await describeProfileProblem(profile), { cause: error });
    }
    throw collectionErrorFor(error, region);
  }
  if (account === undefined || account === '') {
    throw new CollectionError(`AWS STS in region ${region} returned no account id from GetCallerIdentity.`);
  }
  return account;
}
