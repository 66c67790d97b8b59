import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { STSClient } from '@aws-sdk/client-sts';
import { TOOL } from '../version.js';

/**
 * Enough attempts to ride out a throttled account (the auditor competes with the account's own
 * deployments for the same API buckets); adaptive mode also slows the client down after a throttle.
 */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** Knobs for tests only (a fast retry against a local server, one attempt against a closed port). */
export type ClientOverrides = {
  maxAttempts?: number;
  retryMode?: 'adaptive' | 'standard';
  retryStrategy?: LambdaClientConfig['retryStrategy'];
};

export type ClientOptions = {
  region: string;
  /** A named profile from the shared config files; without it the default credential chain is used. */
  profile?: string | undefined;
  overrides?: ClientOverrides | undefined;
  /** Called once with each new client, e.g. the Lambda handler's X-Ray tracer (`captureAWSv3Client`). */
  instrument?: ((client: object) => unknown) | undefined;
};

/**
 * The one place that constructs SDK clients. The SDK itself honours `AWS_ENDPOINT_URL` (and the
 * per-service `AWS_ENDPOINT_URL_<SERVICE>`) and the standard credential chain: nothing here redoes them.
 */
export function createClients(options: ClientOptions) {
  const config = {
    region: options.region,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    retryMode: options.overrides?.retryMode ?? 'adaptive',
    maxAttempts: options.overrides?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(options.overrides?.retryStrategy === undefined
      ? {}
      : { retryStrategy: options.overrides.retryStrategy }),
    // Without timeouts a black-holed connection would hold the audit until the Lambda itself times out.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    // Names the auditor in CloudTrail's userAgent so its reads are easy to tell apart.
    customUserAgent: `${TOOL.name}/${TOOL.version}`,
  };
  // One line per client; the Clients type follows from this object.
  const clients = {
    sts: new STSClient(config),
    lambda: new LambdaClient(config),
    ec2: new EC2Client(config),
    iam: new IAMClient(config),
    cloudwatch: new CloudWatchClient(config),
    quotas: new ServiceQuotasClient(config),
  };
  for (const client of Object.values(clients)) options.instrument?.(client);
  return clients;
}

export type Clients = ReturnType<typeof createClients>;
