import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { STSClient } from '@aws-sdk/client-sts';
import { TOOL } from '../version.js';

/**
 * Enough attempts to ride out a throttled account (the auditor competes with the account's own
 * deployments for the same API buckets); adaptive mode also slows the client down after a throttle.
 */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** The SDK's HTTP layer: `handle(request)` answers one signed request. */
export type RequestHandler = Extract<NonNullable<LambdaClientConfig['requestHandler']>, { handle: unknown }>;

/**
 * Knobs for tests and the benchmark only (a fast retry against a local server, one attempt against a closed
 * port, the benchmark's simulated AWS answering in process as `requestHandler`).
 */
export type ClientOverrides = {
  maxAttempts?: number;
  retryMode?: 'adaptive' | 'standard';
  retryStrategy?: LambdaClientConfig['retryStrategy'];
  requestHandler?: RequestHandler;
};

export type ClientOptions = {
  region: string;
  /** A named profile from the shared config files; without it the default credential chain is used. */
  profile?: string | undefined;
  /** Explicit credentials (an assumed member-account role, lib/aws/assume-role.ts); they win over `profile`. */
  credentials?: Credentials | undefined;
  overrides?: ClientOverrides | undefined;
  /** Called once with each new client, e.g. the Lambda handler's X-Ray tracer (`captureAWSv3Client`). */
  instrument?: ((client: object) => unknown) | undefined;
};

/** What a client may be given as `credentials`: fixed keys or a provider the SDK calls (and refreshes). */
export type Credentials = NonNullable<LambdaClientConfig['credentials']>;

/** The configuration every collection client shares. */
function clientConfig(options: ClientOptions) {
  return {
    region: options.region,
    ...(options.profile === undefined || options.credentials !== undefined
      ? {}
      : { profile: options.profile }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    retryMode: options.overrides?.retryMode ?? 'adaptive',
    maxAttempts: options.overrides?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(options.overrides?.retryStrategy === undefined
      ? {}
      : { retryStrategy: options.overrides.retryStrategy }),
    // Without timeouts a black-holed connection would hold the audit until the Lambda itself times out.
    requestHandler: options.overrides?.requestHandler ?? { connectionTimeout: 5_000, requestTimeout: 60_000 },
    // Names the auditor in CloudTrail's userAgent so its reads are easy to tell apart.
    customUserAgent: `${TOOL.name}/${TOOL.version}`,
  };
}

/**
 * The one place that constructs SDK clients. The SDK itself honours `AWS_ENDPOINT_URL` (and the
 * per-service `AWS_ENDPOINT_URL_<SERVICE>`) and the standard credential chain: nothing here redoes them.
 */
export function createClients(options: ClientOptions) {
  const config = clientConfig(options);
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

/**
 * Organizations, for `--org` and the fan-out's planning only (apart, so the audit handler's bundle leaves it
 * out). A global service: the SDK sends every region of a partition to its one endpoint (us-east-1 for aws).
 */
export function createOrganizationsClient(options: ClientOptions): OrganizationsClient {
  const client = new OrganizationsClient(clientConfig(options));
  options.instrument?.(client);
  return client;
}
