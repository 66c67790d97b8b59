import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPublishClients } from '../../lib/publish/clients.js';
import { publishReport } from '../../lib/publish/publish.js';
import { createWebhookUrlReader, postToWebhook } from '../../lib/publish/slack-webhook.js';
import { DEFAULT_ALERT_POLICY } from '../../lib/settings/publish.js';
import { makeReport, threeFindings } from '../report/report-factory.js';

const ssmMock = mockClient(SSMClient);
const secretsMock = mockClient(SecretsManagerClient);
const clients = createPublishClients({ region: 'eu-west-1' });

type Received = { path: string; contentType: string | undefined; body: string };

/** A webhook server of the test's own: answers `status` and `answer`, records what it received. */
async function startWebhook(status = 200, answer = 'ok') {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      received.push({ path: request.url ?? '', contentType: request.headers['content-type'], body });
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/s3cr3tT0ken`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let webhook: Awaited<ReturnType<typeof startWebhook>>;

beforeEach(async () => {
  ssmMock.reset();
  secretsMock.reset();
  webhook = await startWebhook();
});

afterEach(async () => {
  await webhook.close();
});

describe('Slack incoming webhook', () => {
  it('reads the URL from an SSM SecureString (decrypted) and posts the alert to it', async () => {
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: '/audit/slack', Value: webhook.url } });
    const readUrl = createWebhookUrlReader({ kind: 'ssm', name: '/audit/slack' }, clients);

    const outcome = await publishReport(
      makeReport({ findings: threeFindings() }),
      { alert: DEFAULT_ALERT_POLICY, securityHub: false },
      { clients: createPublishClients({ region: 'eu-west-1' }), webhookUrl: readUrl },
    );

    expect(outcome.slack).toEqual({
      status: 'sent',
      reasons: ['2 failed checks at or above medium (not compared with a previous report)'],
    });
    expect(ssmMock.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/audit/slack',
      WithDecryption: true,
    });
    expect(webhook.received).toHaveLength(1);
    expect(webhook.received[0]).toMatchObject({
      path: '/services/T000/B000/s3cr3tT0ken',
      contentType: 'application/json',
    });
    const payload = JSON.parse(webhook.received[0]?.body ?? '');
    expect(payload.text).toContain('*Lambda VPC audit 123456789012 eu-west-1: 3 failed checks*');
    expect(payload.text).toContain('CRITICAL `function-role-exists` on `payments-worker`');
  });

  it('reads the URL from a Secrets Manager secret, plain or as JSON {"url": ...}', async () => {
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ url: webhook.url }) });
    const readUrl = createWebhookUrlReader({ kind: 'secretsmanager', id: 'audit/slack' }, clients);
    expect(await readUrl()).toBe(webhook.url);
  });

  it('never puts the URL in an error', async () => {
    ssmMock
      .on(GetParameterCommand)
      .resolves({ Parameter: { Value: 'http://hooks.example.com/services/s3cr3tT0ken' } });
    const insecure = createWebhookUrlReader({ kind: 'ssm', name: '/audit/slack' }, clients);
    const error = await insecure().catch((caught: unknown) => caught);
    expect(error).toHaveProperty(
      'message',
      'The value of SSM parameter /audit/slack is not an https webhook URL.',
    );

    ssmMock
      .on(GetParameterCommand)
      .rejects(new ParameterNotFound({ message: 'Parameter not found', $metadata: {} }));
    const missing = createWebhookUrlReader({ kind: 'ssm', name: '/audit/missing' }, clients);
    await expect(missing()).rejects.toThrow(
      'Cannot read the Slack webhook URL from SSM parameter /audit/missing: ParameterNotFound: Parameter not found',
    );

    const refused = await startWebhook(404, 'no_service');
    try {
      const post = await postToWebhook(refused.url, { text: 'x' }).catch((caught: unknown) => caught);
      expect(post).toHaveProperty('message', 'The Slack webhook answered HTTP 404: no_service.');
      expect(String(post)).not.toContain('s3cr3tT0ken');
    } finally {
      await refused.close();
    }
  });
});
