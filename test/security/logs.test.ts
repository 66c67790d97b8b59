/**
 * What the Lambda function writes to its logs, captured from a real cold start (`createRuntime`) and real
 * invocations at DEBUG level, with secret-looking credentials in the environment, a Slack webhook URL in its
 * SSM parameter (posting to a webhook that quotes its own URL back), and tokens inside the events. None of it
 * may reach the logs, nor the events themselves, nor the report's content: logs carry counts, ids and outcomes.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuditHandler } from '../../lib/lambda/handler.js';
import { createRuntime } from '../../lib/lambda/runtime.js';
import { DEMO } from '../faults/fake-account/demo.js';
import { type FakeAccountServer, startFakeAccountServer } from '../faults/fake-account/server.js';
import { accountFrom } from '../fixtures/aws-api/account.js';
import { lambdaContext } from '../fixtures/lambda-context.js';

const SECRETS = {
  accessKey: 'AKIAIOSFODNN7SECRET01',
  secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY01',
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCWV1LXdlc3QtMSJHMEUCIQSESSIONTOKEN01',
  webhookPath: '/services/T0000SECRET/B0000SECRET/XXXXWEBHOOKSECRET01',
  eventToken: 'ghp_EVENTTOKENSECRET0123456789abcdefABCDEF',
};

const SCHEDULED = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-11-24T03:00:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:123456789012:rule/nightly-audit-do-not-log'],
  detail: { note: `token ${SECRETS.eventToken}` },
};

const CONTEXT = lambdaContext();

let server: FakeAccountServer;
let output = '';
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  server = await startFakeAccountServer();
  const webhook = `${server.url}${SECRETS.webhookPath}`;
  server.scenario('default', { account: accountFrom(DEMO), parameters: { '/auditor/slack': webhook } });
  const env = {
    AWS_ENDPOINT_URL: server.url,
    AWS_ACCESS_KEY_ID: SECRETS.accessKey,
    AWS_SECRET_ACCESS_KEY: SECRETS.secretKey,
    AWS_SESSION_TOKEN: SECRETS.sessionToken,
    POWERTOOLS_LOG_LEVEL: 'DEBUG',
    // Powertools' own switch for logging events: even with it on, the handler does not pass events to the logger.
    POWERTOOLS_LOGGER_LOG_EVENT: 'true',
  };
  for (const [key, value] of Object.entries(env)) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    const handler = createAuditHandler(
      createRuntime({
        ...process.env,
        AWS_REGION: 'eu-west-1',
        REPORT_BUCKET: 'audit-reports',
        TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:audit-alerts',
        SLACK_WEBHOOK_PARAMETER: 'ssm:/auditor/slack',
        ALERT_MODE: 'always',
      }),
    );
    // The nightly run (the webhook refuses, quoting its URL), an on-demand run, and a refused payload.
    await Promise.all([
      handler(SCHEDULED, CONTEXT),
      handler({ functions: ['orders-*'], format: 'md', publish: false }, CONTEXT),
      handler({ functions: ['orders-*'], authorization: `Bearer ${SECRETS.eventToken}` }, CONTEXT),
    ]);
  } finally {
    vi.restoreAllMocks();
    output = chunks.join('');
  }
}, 60_000);

afterAll(async () => {
  await server.close();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('the Lambda function’s logs', () => {
  const lines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('are written (not vacuous): JSON lines of the runs, the Slack failure among them', () => {
    const messages = lines().map((line) => line.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Audit started',
        'Audit finished',
        'Publishing failed',
        'Invalid invoke payload',
      ]),
    );
    const slack = lines().find((line) => line.message === 'Publishing failed' && line.target === 'slack');
    expect(slack?.error).toBe('The Slack webhook answered HTTP 400: invalid_token for [webhook path].');
  });

  it.each(Object.entries(SECRETS))('never hold the %s', (_name, secret) => {
    expect(output).not.toContain(secret);
  });

  it('never hold the events themselves, nor the report', () => {
    expect(output).not.toContain('nightly-audit-do-not-log');
    expect(output).not.toContain('Bearer');
    // A finding's message and remediation are report content, not log content.
    expect(output).not.toContain('runs in 1 Availability Zone');
    expect(output).not.toContain('# Lambda VPC audit');
  });
});
