import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod/mini';
import { errorCodeOf, gapMessageOf } from '../aws/error-codes.js';
import type { AuthorizationSource } from '../collect/authorization.js';
import { AuditorError } from '../errors.js';
import { type AccountAuthorization, AccountAuthorizationSchema } from '../model/snapshot-iam-policies.js';
import type { ReportStore } from './config.js';
import { iamShareKeys } from './rollup-keys.js';
import { encryptionOf, put } from './s3.js';

/**
 * The Step Functions fan-out audits each (account, Region) in its own invocation; IAM is global, so without
 * sharing each would read its account's GetAccountAuthorizationDetails. The run's S3 prefix holds one object
 * per account (`<prefix>/rollup/runs/<run-id>/iam/<account>.json`): the first target that needs it claims the
 * account with a conditional write of `<account>.claim` (If-None-Match: *, which S3 refuses with 412 when
 * the object exists, or 409 when another write races it:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html), reads IAM and writes the
 * object; the others wait for it. Sharing never fails an audit: when S3 cannot be used, or the object does
 * not come in time (its reader was cut short), a target reads IAM itself.
 */

export type ShareTiming = {
  /** How long a target waits for another's read before it reads IAM itself. */
  waitMs: number;
  pollMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
};

export const DEFAULT_SHARE_TIMING: ShareTiming = {
  waitMs: 120_000,
  pollMs: 2_000,
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What the reading target stored: the details, or why it could not read them. */
const SharedSchema = z.union([
  z.object({ status: z.literal('read'), authorization: AccountAuthorizationSchema }),
  z.object({ status: z.literal('failed'), errorCode: z.string(), message: z.string() }),
]);
type Shared = z.infer<typeof SharedSchema>;

/** The reading target's failure, as the others report it: AWS's code, said to come from that target. */
export class SharedReadError extends AuditorError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${message} (read by another target of this run)`);
    this.code = code;
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

const isMissing = (error: unknown) =>
  error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound');
const lostTheRace = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'PreconditionFailed' || error.name === 'ConditionalRequestConflict');

/** The stored answer, undefined when there is none yet; anything unreadable is treated as none. */
async function readShared(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<Shared | undefined | 'unusable'> {
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const parsed = z.safeParse(
      SharedSchema,
      JSON.parse((await response.Body?.transformToString('utf-8')) ?? ''),
    );
    return parsed.success ? parsed.data : 'unusable';
  } catch (error) {
    return isMissing(error) ? undefined : 'unusable';
  }
}

function answerOf(shared: Shared): AccountAuthorization {
  if (shared.status === 'read') return shared.authorization;
  throw new SharedReadError(shared.errorCode, shared.message);
}

/** Reads IAM and stores what came of it for the others; a failed store only means they read IAM themselves. */
async function readAndShare(
  read: () => Promise<AccountAuthorization>,
  store: (shared: Shared) => Promise<void>,
): Promise<AccountAuthorization> {
  let authorization: AccountAuthorization;
  try {
    authorization = await read();
  } catch (error) {
    const errorCode = errorCodeOf(error);
    await store({ status: 'failed', errorCode, message: gapMessageOf(error, errorCode) }).catch(
      () => undefined,
    );
    throw error;
  }
  await store({ status: 'read', authorization }).catch(() => undefined);
  return authorization;
}

/** The account's GetAccountAuthorizationDetails, shared by the targets of one fan-out run through S3. */
export function sharedAuthorization(
  s3: S3Client,
  target: { store: ReportStore; runId: string; accountId: string; deadline?: Date },
  timing: ShareTiming = DEFAULT_SHARE_TIMING,
): AuthorizationSource {
  const { store } = target;
  const keys = iamShareKeys(store, target.runId, target.accountId);
  const storeShared = (shared: Shared) => put(s3, store, keys.object, JSON.stringify(shared), JSON_TYPE);
  return async (read) => {
    const first = await readShared(s3, store.bucket, keys.object);
    if (first === 'unusable') return read();
    if (first !== undefined) return answerOf(first);
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: store.bucket,
          Key: keys.claim,
          Body: '',
          // An empty body's length is falsy: without it the SDK takes it for a stream of unknown length, and warns.
          ContentLength: 0,
          IfNoneMatch: '*',
          ...encryptionOf(store),
        }),
      );
    } catch (error) {
      if (!lostTheRace(error)) return read();
      // Another target is reading: wait for its answer (never past the collection's deadline), then read IAM here.
      const until = Math.min(
        timing.now() + timing.waitMs,
        target.deadline?.getTime() ?? Number.POSITIVE_INFINITY,
      );
      while (timing.now() < until) {
        await timing.sleep(timing.pollMs);
        const shared = await readShared(s3, store.bucket, keys.object);
        if (shared === 'unusable') break;
        if (shared !== undefined) return answerOf(shared);
      }
    }
    return readAndShare(read, storeShared);
  };
}
