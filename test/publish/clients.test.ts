import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { createClients } from '../../lib/aws/clients.js';
import { createPublishClients, PUBLISH_MAX_ATTEMPTS } from '../../lib/publish/clients.js';
import { topicRegion } from '../../lib/publish/config.js';

describe('createPublishClients', () => {
  it('calls SNS in the topic region and retries briefly', async () => {
    const clients = createPublishClients({
      region: 'eu-west-1',
      snsRegion: topicRegion('arn:aws:sns:us-east-2:123456789012:alerts'),
    });
    expect(clients.s3).toBeInstanceOf(S3Client);
    expect(clients.sns).toBeInstanceOf(SNSClient);
    expect(await clients.sns.config.region()).toBe('us-east-2');
    expect(await clients.s3.config.region()).toBe('eu-west-1');
    expect(await clients.s3.config.maxAttempts()).toBe(PUBLISH_MAX_ATTEMPTS);
  });
});

describe('the instrument hook (the handler traces every client with X-Ray)', () => {
  it('is called once with each client, collecting and publishing alike', async () => {
    const seen: object[] = [];
    const instrument = (client: object) => seen.push(client);
    const collect = createClients({ region: 'eu-west-1', instrument });
    const publish = createPublishClients({ region: 'eu-west-1', instrument });
    expect(seen).toEqual([...Object.values(collect), publish.s3, publish.sns]);

    // The optional clients are built, and traced, on first use only, and once.
    const hub = await publish.securityHub();
    expect(await publish.securityHub()).toBe(hub);
    const ssm = await publish.ssm();
    const secrets = await publish.secretsManager();
    expect(hub).toBeInstanceOf(SecurityHubClient);
    expect(await hub.config.maxAttempts()).toBe(PUBLISH_MAX_ATTEMPTS);
    expect(seen.slice(-3)).toEqual([hub, ssm, secrets]);
    expect(seen).toHaveLength(Object.keys(collect).length + 5);
  });
});
