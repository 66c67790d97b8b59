import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { errorCodeOf } from '../../lib/aws/error-codes.js';
import type { AccountAuthorization } from '../../lib/model/snapshot.js';
import { type ShareTiming, sharedAuthorization } from '../../lib/publish/iam-share.js';

const s3 = mockClient(S3Client);
const STORE = { bucket: 'reports', prefix: 'lambda-vpc-audit' };
const TARGET = { store: STORE, runId: '20261124T030000Z-0a1b2c3d', accountId: '222222222222' };
const OBJECT = `lambda-vpc-audit/rollup/runs/${TARGET.runId}/iam/222222222222.json`;
const CLAIM = `lambda-vpc-audit/rollup/runs/${TARGET.runId}/iam/222222222222.claim`;

const AUTHORIZATION: AccountAuthorization = {
  roles: [{ RoleName: 'api-role', Arn: 'arn:aws:iam::222222222222:role/api-role' }],
  roleDetails: {},
  localPolicies: {},
};

/** A GetObject answer: the SDK's body, of which the code reads only transformToString. */
const body = (value: unknown) => ({
  Body: { transformToString: async () => JSON.stringify(value) } as unknown as GetObjectCommandOutput['Body'],
});
const s3Error = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });

/** A clock the test moves: each sleep advances it. */
function timing(): ShareTiming {
  let now = 0;
  return {
    waitMs: 10_000,
    pollMs: 2_000,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

beforeEach(() => s3.reset());

describe('sharedAuthorization (the Step Functions fan-out’s IAM read, one per account and run)', () => {
  it('reads what another target stored, without reading IAM', async () => {
    s3.on(GetObjectCommand, { Key: OBJECT }).resolves(body({ status: 'read', authorization: AUTHORIZATION }));
    const read = vi.fn(async () => AUTHORIZATION);
    expect(await sharedAuthorization(new S3Client({}), TARGET, timing())(read)).toEqual(AUTHORIZATION);
    expect(read).not.toHaveBeenCalled();
  });

  it('the first target claims the account (If-None-Match: *), reads IAM and stores it, encrypted like the reports', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 404));
    const read = vi.fn(async () => AUTHORIZATION);
    expect(await sharedAuthorization(new S3Client({}), TARGET, timing())(read)).toEqual(AUTHORIZATION);
    expect(read).toHaveBeenCalledTimes(1);
    const puts = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(puts).toEqual([
      expect.objectContaining({ Key: CLAIM, IfNoneMatch: '*', ServerSideEncryption: 'AES256' }),
      expect.objectContaining({ Key: OBJECT, ServerSideEncryption: 'AES256' }),
    ]);
    expect(JSON.parse(String(puts[1]?.Body))).toEqual({ status: 'read', authorization: AUTHORIZATION });
  });

  it('a target that lost the claim waits for the object instead of reading IAM', async () => {
    s3.on(GetObjectCommand)
      .rejectsOnce(s3Error('NoSuchKey', 404))
      .rejectsOnce(s3Error('NoSuchKey', 404))
      .resolves(body({ status: 'read', authorization: AUTHORIZATION }));
    s3.on(PutObjectCommand, { Key: CLAIM }).rejects(s3Error('PreconditionFailed', 412));
    const read = vi.fn(async () => AUTHORIZATION);
    expect(await sharedAuthorization(new S3Client({}), TARGET, timing())(read)).toEqual(AUTHORIZATION);
    expect(read).not.toHaveBeenCalled();
  });

  it('reads IAM itself when the object does not come in time (its reader was cut short), and stores it', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 404));
    s3.on(PutObjectCommand, { Key: CLAIM }).rejects(s3Error('ConditionalRequestConflict', 409));
    const read = vi.fn(async () => AUTHORIZATION);
    expect(await sharedAuthorization(new S3Client({}), TARGET, timing())(read)).toEqual(AUTHORIZATION);
    expect(read).toHaveBeenCalledTimes(1);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(6);
    expect(s3.commandCalls(PutObjectCommand, { Key: OBJECT })).toHaveLength(1);
  });

  it('waits no longer than the collection’s deadline', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 404));
    s3.on(PutObjectCommand, { Key: CLAIM }).rejects(s3Error('PreconditionFailed', 412));
    const read = vi.fn(async () => AUTHORIZATION);
    await sharedAuthorization(new S3Client({}), { ...TARGET, deadline: new Date(3_000) }, timing())(read);
    // The first look, a poll at 2 s and one at 4 s, past the deadline (3 s): then IAM is read here.
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(3);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('passes on the reader’s failure with AWS’s code, so every Region names the same gap', async () => {
    s3.on(GetObjectCommand).resolves(
      body({
        status: 'failed',
        errorCode: 'AccessDenied',
        message: 'not authorized to perform: iam:GetAccountAuthorizationDetails',
      }),
    );
    const failure = sharedAuthorization(new S3Client({}), TARGET, timing())(async () => AUTHORIZATION);
    await expect(failure).rejects.toThrow(
      'not authorized to perform: iam:GetAccountAuthorizationDetails (read by another target of this run)',
    );
    expect(errorCodeOf(await failure.catch((error: unknown) => error))).toBe('AccessDenied');
  });

  it('stores the first reader’s failure for the others, and still fails its own read', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 404));
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDenied', $fault: 'client' });
    await expect(
      sharedAuthorization(new S3Client({}), TARGET, timing())(() => Promise.reject(denied)),
    ).rejects.toBe(denied);
    const stored = s3.commandCalls(PutObjectCommand, { Key: OBJECT })[0]?.args[0].input.Body;
    expect(JSON.parse(String(stored))).toEqual({
      status: 'failed',
      errorCode: 'AccessDenied',
      message: 'not authorized',
    });
  });

  it('never fails an audit over S3: an unreadable share means reading IAM here', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('AccessDenied', 403));
    const read = vi.fn(async () => AUTHORIZATION);
    expect(await sharedAuthorization(new S3Client({}), TARGET, timing())(read)).toEqual(AUTHORIZATION);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});
