import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { createClients, DEFAULT_MAX_ATTEMPTS } from '../../lib/aws/clients.js';
import { TOOL } from '../../lib/version.js';

describe('createClients', () => {
  it('builds every client for the region with adaptive retries', async () => {
    const clients = createClients({ region: 'ap-southeast-2' });

    expect(clients.sts).toBeInstanceOf(STSClient);
    expect(clients.lambda).toBeInstanceOf(LambdaClient);
    expect(clients.ec2).toBeInstanceOf(EC2Client);
    expect(clients.iam).toBeInstanceOf(IAMClient);
    expect(clients.cloudwatch).toBeInstanceOf(CloudWatchClient);
    expect(clients.quotas).toBeInstanceOf(ServiceQuotasClient);
    for (const client of Object.values(clients)) {
      expect(await client.config.region()).toBe('ap-southeast-2');
      expect(await client.config.maxAttempts()).toBe(DEFAULT_MAX_ATTEMPTS);
      expect(await client.config.retryStrategy()).toHaveProperty('mode', 'adaptive');
      expect(client.config.customUserAgent).toEqual([[`${TOOL.name}/${TOOL.version}`]]);
    }
    expect(DEFAULT_MAX_ATTEMPTS).toBeGreaterThanOrEqual(5);
  });

  it('passes a named profile to the SDK, and nothing when there is none', () => {
    expect(createClients({ region: 'eu-west-1', profile: 'audit' }).lambda.config).toHaveProperty(
      'profile',
      'audit',
    );
    expect(createClients({ region: 'eu-west-1' }).lambda.config.profile).toBeUndefined();
  });

  it('lets tests change the retry settings', async () => {
    const clients = createClients({
      region: 'eu-west-1',
      overrides: { maxAttempts: 1, retryMode: 'standard' },
    });
    expect(await clients.ec2.config.maxAttempts()).toBe(1);
    expect(await clients.ec2.config.retryStrategy()).toHaveProperty('mode', 'standard');
  });
});
