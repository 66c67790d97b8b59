import { GetPolicyCommand, GetPolicyVersionCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { ManagedPolicy } from '../model/snapshot-iam-policies.js';
import { decodePolicyDocument } from './authorization.js';
import type { CollectorContext } from './context.js';
import { callCounter } from './paging.js';
import { required } from './response.js';

/**
 * The default version of a managed policy GetAccountAuthorizationDetails did not return (the AWS managed ones
 * the execution roles attach, such as AWSLambdaVPCAccessExecutionRole): iam:GetPolicy for its DefaultVersionId
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicy.html), then iam:GetPolicyVersion for
 * that version's document, URL-encoded like every IAM policy document
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html). Two calls per distinct
 * policy: a CDK or SAM account's execution roles share a handful.
 */

export const MANAGED_POLICY_READ_ACTIONS = ['iam:GetPolicy', 'iam:GetPolicyVersion'] as const;

/** A failed call of one read, with the API that failed. */
class ManagedPolicyReadError extends Error {
  readonly api: string;
  constructor(api: string, cause: unknown) {
    super(api, { cause });
    this.api = api;
  }
}

async function step<T>(api: string, call: () => Promise<T>, count: (api: string) => void): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new ManagedPolicyReadError(api, error);
  } finally {
    count(api);
  }
}

async function readManagedPolicy(iam: IAMClient, arn: string, count: (api: string) => void) {
  const policy = await step(
    'iam:GetPolicy',
    async () => {
      const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      return {
        name: Policy?.PolicyName,
        versionId: required(Policy?.DefaultVersionId, `DefaultVersionId of ${arn}`),
      };
    },
    count,
  );
  const document = await step(
    'iam:GetPolicyVersion',
    async () => {
      const { PolicyVersion } = await iam.send(
        new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.versionId }),
      );
      return required(PolicyVersion?.Document, `the document of ${arn} ${policy.versionId}`);
    },
    count,
  );
  return {
    Arn: arn,
    ...(policy.name === undefined ? {} : { PolicyName: policy.name }),
    DefaultVersionId: policy.versionId,
    Document: decodePolicyDocument(document),
  };
}

/** Reads each managed policy once, however many roles ask; a failed read is a gap naming the policy, and null. */
export class ManagedPolicyReader {
  readonly #iam: IAMClient;
  readonly #context: CollectorContext;
  readonly #reads = new Map<string, Promise<ManagedPolicy | null>>();
  readonly #counters = new Map<string, () => void>();

  constructor(iam: IAMClient, context: CollectorContext) {
    this.#iam = iam;
    this.#context = context;
  }

  #count = (api: string) => {
    let counter = this.#counters.get(api);
    if (counter === undefined) {
      counter = callCounter(api, this.#context.onProgress);
      this.#counters.set(api, counter);
    }
    counter();
  };

  read(arn: string): Promise<ManagedPolicy | null> {
    let read = this.#reads.get(arn);
    if (read === undefined) {
      read = readManagedPolicy(this.#iam, arn, this.#count).catch((error: unknown) => {
        const failed = error instanceof ManagedPolicyReadError;
        const where = {
          part: 'rolePolicies' as const,
          api: failed ? error.api : 'iam:GetPolicy',
          resource: arn,
        };
        this.#context.recorder.recordError(where, failed ? error.cause : error);
        return null;
      });
      this.#reads.set(arn, read);
    }
    return read;
  }
}
