import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { TOOL } from '../version.js';

/**
 * The clients that write (S3, SNS, Security Hub) or read the webhook secret (SSM, Secrets Manager). Apart
 * from lib/collect/clients.ts because their needs differ: publishing runs after the collection's time budget,
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

export function createPublishClients(options: PublishClientOptions) {
  const config = {
    region: options.region,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    retryMode: 'standard',
    maxAttempts: options.maxAttempts ?? PUBLISH_MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000 },
    customUserAgent: `${TOOL.name}/${TOOL.version}`,
  };
  // One line per client; the PublishClients type follows from this object.
  const clients = {
    // A bucket in another region answers with a redirect; following it beats failing the run.
    s3: new S3Client({ ...config, followRegionRedirects: true }),
    sns: new SNSClient({ ...config, region: options.snsRegion ?? options.region }),
    ssm: new SSMClient(config),
    secretsManager: new SecretsManagerClient(config),
    securityHub: new SecurityHubClient(config),
  };
  for (const client of Object.values(clients)) options.instrument?.(client);
  return clients;
}

export type PublishClients = ReturnType<typeof createPublishClients>;
