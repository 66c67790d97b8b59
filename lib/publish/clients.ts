import { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { TOOL } from '../version.js';

/**
 * The clients that write (S3, SNS, Security Hub) or read the webhook secret (SSM, Secrets Manager). Apart
 * from lib/aws/clients.ts because their needs differ: publishing runs after the collection's time budget,
 * in a reserve of its own, so it retries briefly (3 attempts, standard mode) and times out fast; collection
 * instead rides out throttling with 8 adaptive attempts.
 */

export type PublishClientOptions = {
  region: string;
  profile?: string | undefined;
  /** SNS must be called in the topic's region (from its ARN); `region` when absent. */
  snsRegion?: string | undefined;
  /** Called once with each new client (the Lambda handler's X-Ray tracer). */
  instrument?: ((client: object) => unknown) | undefined;
  /** Tests: one attempt against a closed port. */
  maxAttempts?: number | undefined;
};

export const PUBLISH_MAX_ATTEMPTS = 3;

/**
 * A client built on first use. Its SDK package is imported then (a chunk of its own in the Lambda bundle),
 * so the cold start of a function that never exports to Security Hub or reads a webhook secret does not
 * parse those packages (about 230 KB of the bundle).
 */
export type LazyClient<T> = () => Promise<T>;

function lazyClient<T extends object>(
  load: () => Promise<T>,
  instrument: PublishClientOptions['instrument'],
): LazyClient<T> {
  let client: Promise<T> | undefined;
  return () => {
    client ??= load().then((loaded) => {
      instrument?.(loaded);
      return loaded;
    });
    return client;
  };
}

export function createPublishClients(options: PublishClientOptions) {
  const config = {
    region: options.region,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    retryMode: 'standard',
    maxAttempts: options.maxAttempts ?? PUBLISH_MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000 },
    customUserAgent: `${TOOL.name}/${TOOL.version}`,
  };
  // Every run reads the previous report and most publish: these two are built now.
  const eager = {
    // A bucket in another region answers with a redirect; following it beats failing the run.
    s3: new S3Client({ ...config, followRegionRedirects: true }),
    sns: new SNSClient({ ...config, region: options.snsRegion ?? options.region }),
  };
  for (const client of Object.values(eager)) options.instrument?.(client);
  const { instrument } = options;
  return {
    ...eager,
    ssm: lazyClient<SSMClient>(
      async () => new (await import('./optional-clients.js')).SSMClient(config),
      instrument,
    ),
    secretsManager: lazyClient<SecretsManagerClient>(
      async () => new (await import('./optional-clients.js')).SecretsManagerClient(config),
      instrument,
    ),
    securityHub: lazyClient<SecurityHubClient>(
      async () => new (await import('./optional-clients.js')).SecurityHubClient(config),
      instrument,
    ),
  };
}

export type PublishClients = ReturnType<typeof createPublishClients>;
