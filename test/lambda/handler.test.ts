import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RULES } from '../../lib/analyze/registry.js';
import type { AuditDeps, SnapshotSource } from '../../lib/audit.js';
import { CollectionError } from '../../lib/errors.js';
import { loadEnvConfig } from '../../lib/lambda/env-config.js';
import { collectionDeadline, createAuditHandler } from '../../lib/lambda/handler.js';
import { createPowertools } from '../../lib/lambda/powertools.js';
import type { AuditResponse } from '../../lib/lambda/response.js';
import { createPublishClients } from '../../lib/publish/clients.js';
import { type FakeAws, startFakeAws } from '../fixtures/fake-aws.js';
import { lambdaContext } from '../fixtures/lambda-context.js';
import { emptySnapshot, fn, role, securityGroup, subnet, vpc } from '../fixtures/snapshot-builder.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:audit-alerts';
const NOW = new Date('2026-11-24T03:00:07.000Z');
const SCHEDULED = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-11-24T03:00:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:123456789012:rule/nightly-audit'],
  detail: {},
};

const account = emptySnapshot({
  functions: [
    fn({ name: 'orders-api', subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
    fn({ name: 'billing', subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] }),
  ],
  subnets: [
    subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a' }),
    subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b' }),
  ],
  vpcs: [vpc({ id: 'vpc-1' })],
  securityGroups: [securityGroup({ id: 'sg-1', vpc: 'vpc-1' })],
  roles: [role('billing-role')],
});

let fake: FakeAws;
let savedEndpoint: string | undefined;
let stdout: string[];

beforeEach(async () => {
  savedEndpoint = process.env.AWS_ENDPOINT_URL;
  fake = await startFakeAws();
  process.env.AWS_ENDPOINT_URL = fake.url;
  stdout = [];
  // Powertools writes INFO and EMF to stdout, WARN and ERROR to stderr: both are read here.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
  }
});

afterEach(async () => {
  vi.restoreAllMocks();
  await fake.close();
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = savedEndpoint;
});

function setup(env: Record<string, string> = {}, collect?: AuditDeps['collect']) {
  const sources: Extract<SnapshotSource, { kind: 'aws' }>[] = [];
  const audit: AuditDeps = {
    readSnapshot: async () => account,
    collect:
      collect ??
      (async (source) => {
        sources.push(source);
        return account;
      }),
    rules: RULES,
  };
  const config = loadEnvConfig({
    AWS_REGION: 'eu-west-1',
    REPORT_BUCKET: 'audit-reports',
    TOPIC_ARN: TOPIC,
    ...env,
  });
  const handler = createAuditHandler({
    config,
    powertools: createPowertools({}),
    audit,
    publish: { clients: createPublishClients({ region: 'eu-west-1', maxAttempts: 1 }) },
    now: () => NOW,
  });
  return { handler, sources };
}

const logLines = () =>
  stdout
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

function ok(response: AuditResponse) {
  if (!response.ok) throw new Error(`expected ok, got ${response.error.message}`);
  return response;
}

describe('audit handler', () => {
  it('runs the nightly schedule: audits, stores the report, alerts, and returns the summary and where it is', async () => {
    const { handler } = setup();
    const response = ok(await handler(SCHEDULED, lambdaContext()));

    expect(response).toMatchObject({ trigger: 'schedule', accountId: '123456789012', region: 'eu-west-1' });
    expect(response.runId).toMatch(/^20261124T030000Z-[0-9a-f]{8}$/);
    expect(response.summary.vpcFunctions).toBe(2);
    expect(response.changes).toEqual({ status: 'compared', new: 2, open: 0, resolved: 0, unconfirmed: 0 });
    expect(response.report?.html).toBe(
      `lambda-vpc-audit/123456789012/eu-west-1/2026/11/24/${response.runId}.html`,
    );
    expect(response.publish?.sns).toMatchObject({ status: 'sent' });
    expect(fake.published).toHaveLength(1);
  });

  it('writes the same objects when the same scheduled event is delivered again', async () => {
    const { handler } = setup();
    const first = ok(await handler(SCHEDULED, lambdaContext()));
    const keys = [...fake.objects.keys()].sort();
    const second = ok(await handler(SCHEDULED, lambdaContext()));
    expect(second.runId).toBe(first.runId);
    expect([...fake.objects.keys()].sort()).toEqual(keys);
    // Compared with what came before the first attempt (nothing), so the retry says what the first one said.
    expect(second.changes).toEqual(first.changes);
  });

  it('stays quiet the next night when nothing changed', async () => {
    const { handler } = setup();
    await handler(SCHEDULED, lambdaContext());
    const nextNight = { ...SCHEDULED, id: 'another-event-id', time: '2026-11-25T03:00:00Z' };
    const response = ok(await handler(nextNight, lambdaContext()));
    expect(response.changes).toEqual({ status: 'compared', new: 0, open: 2, resolved: 0, unconfirmed: 0 });
    expect(response.publish?.sns).toEqual({ status: 'quiet', reason: 'nothing changed at or above medium' });
    expect(fake.published).toHaveLength(1);
  });

  it('answers a direct invoke limited to some functions with the rendered report, publishing nothing', async () => {
    const { handler } = setup();
    const response = ok(
      await handler({ functions: ['orders-*'], format: 'md', publish: false }, lambdaContext()),
    );
    expect(response.trigger).toBe('invoke');
    expect(response.summary.vpcFunctions).toBe(1);
    expect(response.rendered).toContain('# Lambda VPC audit: 123456789012 / eu-west-1');
    expect(response.publish).toBeUndefined();
    expect(fake.requests.filter((r) => r.action === 'PutObject' || r.action === 'Publish')).toEqual([]);
  });

  it('refuses a bad payload naming each wrong field, and collects and publishes nothing', async () => {
    const { handler, sources } = setup();
    const response = await handler(
      { regions: ['us-east-1'], functions: 'orders', publish: 'yes', colour: 'red' },
      lambdaContext(),
    );
    expect(response).toEqual({
      ok: false,
      error: {
        type: 'ConfigError',
        message: [
          'Invalid invoke payload:',
          '  functions: must be a list of function names or ARN patterns',
          '  publish: must be true or false',
          '  unknown field "colour" (allowed: regions, target, runId, functions, publish, format, cleanup)',
        ].join('\n'),
      },
    });
    expect(sources).toEqual([]);
    expect(fake.requests).toEqual([]);
    expect(logLines().find((line) => '_aws' in line)).toMatchObject({ InvalidPayloads: 1 });
  });

  it('stops collecting ahead of the timeout, keeping the reserve for analysis and publishing', async () => {
    const { handler, sources } = setup({ TIME_RESERVE_SECONDS: '30' });
    await handler({}, lambdaContext(120_000));
    expect(sources[0]?.deadline).toEqual(new Date(NOW.getTime() + 90_000));
    expect(collectionDeadline(NOW, 20_000, 30_000)).toEqual(new Date(NOW.getTime() + 10_000));
  });

  it('hands the endpoint AWS_ENDPOINT_URL names in its environment to the collection, for the snapshot', async () => {
    const { handler, sources } = setup({ AWS_ENDPOINT_URL: fake.url });
    await handler({ publish: false }, lambdaContext());
    expect(sources[0]?.endpoint).toBe(fake.url);
  });

  it('logs JSON with the run id as correlation id, and emits the metrics, without the report itself', async () => {
    const { handler } = setup();
    const response = ok(await handler(SCHEDULED, lambdaContext()));
    const lines = logLines();

    const finished = lines.find((line) => line.message === 'Audit finished');
    expect(finished).toMatchObject({ level: 'INFO', correlation_id: response.runId, failed: 2 });
    expect(finished?.function_request_id).toBe('c6af9ac6-7b61-11e6-9a41-93e812345678');
    const emf = lines.find((line) => '_aws' in line);
    expect(emf).toMatchObject({
      FailedChecksCritical: response.summary.bySeverity.critical,
      FailedChecksMedium: response.summary.bySeverity.medium,
      FunctionsAudited: 2,
      NewFailedChecks: 2,
      S3PublishFailures: 0,
      SnsPublishFailures: 0,
      AlertsSent: 1,
    });
    expect(emf?._aws).toMatchObject({
      CloudWatchMetrics: [expect.objectContaining({ Namespace: 'LambdaVpcAuditor' })],
    });
    const everything = stdout.join('');
    expect(everything).not.toContain('runs in 1 Availability Zone');
    expect(everything).not.toContain('Configure at least one subnet');
    expect(everything).not.toContain('aws.events');
  });

  it('fails the invocation, with one log line, when AWS cannot be reached at all', async () => {
    const { handler } = setup({}, async () => {
      throw new CollectionError('Cannot reach AWS STS in region eu-west-1: ECONNREFUSED');
    });
    await expect(handler(SCHEDULED, lambdaContext())).rejects.toThrow('Cannot reach AWS STS');
    expect(logLines().find((line) => line.message === 'Audit failed')).toMatchObject({
      level: 'ERROR',
      error: 'Cannot reach AWS STS in region eu-west-1: ECONNREFUSED',
    });
  });
});
