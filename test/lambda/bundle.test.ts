/**
 * The esbuild bundle (dist/handler/index.mjs), not the TypeScript source, in a child process as Lambda would
 * load it, against the fake AWS endpoint of test/fixtures/fake-aws.ts through AWS_ENDPOINT_URL. The bundle
 * carries its own SDK, so only a real endpoint can answer it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../fixtures/fake-aws.js';

const BUNDLE = resolve('dist/handler/index.mjs');
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:audit-alerts';

/** Imports the bundle, invokes `handler` once with EVENT, prints the response on a line of its own. */
const RUNNER = `
const { handler } = await import(process.env.BUNDLE);
const context = {
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:vpc-auditor',
  functionName: 'vpc-auditor', functionVersion: '$LATEST', memoryLimitInMB: '512',
  logGroupName: '/aws/lambda/vpc-auditor', logStreamName: 's', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 120000,
};
const response = await handler(JSON.parse(process.env.EVENT), context);
process.stdout.write('\\nRESPONSE ' + JSON.stringify(response) + '\\n');
`;

type Run = {
  code: number | null;
  stdout: string;
  stderr: string;
  response: Record<string, unknown> | undefined;
};

/** Async, so the fake endpoint in this process can answer while the child runs. */
function invokeBundle(event: unknown, env: Record<string, string>): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', RUNNER], {
      env: {
        PATH: process.env.PATH ?? '',
        AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST',
        AWS_SECRET_ACCESS_KEY: 'test-secret-key',
        AWS_REGION: 'eu-west-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_LAMBDA_FUNCTION_NAME: 'vpc-auditor',
        POWERTOOLS_TRACE_ENABLED: 'false',
        // The test run silences the SDK's Node-version warning (test/setup.ts); this child has its own env.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        BUNDLE,
        EVENT: JSON.stringify(event),
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('RESPONSE '));
      done({ code, stdout, stderr, response: line ? JSON.parse(line.slice('RESPONSE '.length)) : undefined });
    });
  });
}

const SCHEDULED = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-11-24T03:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail: {},
};

let fake: FakeAws;
const publishEnv = () => ({ AWS_ENDPOINT_URL: fake.url, REPORT_BUCKET: 'audit-reports', TOPIC_ARN: TOPIC });

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error('dist/handler/index.mjs is missing: run `npm run build` first.');
});

beforeEach(async () => {
  fake = await startFakeAws();
});

afterEach(async () => {
  await fake.close();
});

describe('the bundled handler (child process, fake AWS endpoint)', () => {
  it('audits on the schedule, records what the endpoint cannot answer as gaps, stores the report and alerts', async () => {
    const run = await invokeBundle(SCHEDULED, publishEnv());

    expect(run.code, run.stderr).toBe(0);
    expect(run.response).toMatchObject({
      ok: true,
      trigger: 'schedule',
      accountId: '123456789012',
      region: 'eu-west-1',
      summary: { functionsAudited: 2, vpcFunctions: 1 },
      changes: { status: 'compared' },
      publish: { s3: { status: 'stored' }, sns: { status: 'sent' } },
    });
    const summary = run.response?.summary as { coverageGaps: number };
    expect(summary.coverageGaps).toBeGreaterThan(0);
    expect([...fake.objects.keys()].sort()).toEqual([
      expect.stringMatching(
        /^audit-reports\/lambda-vpc-audit\/123456789012\/eu-west-1\/2026\/11\/24\/20261124T030000Z-[0-9a-f]{8}\.html$/,
      ),
      expect.stringMatching(/\.json$/),
      expect.stringMatching(/\.md$/),
      // Which notifications the run sent, so a retried invocation does not send them again.
      expect.stringMatching(
        /^audit-reports\/lambda-vpc-audit\/123456789012\/eu-west-1\/alerts\/20261124T030000Z-[0-9a-f]{8}\.json$/,
      ),
      'audit-reports/lambda-vpc-audit/123456789012/eu-west-1/latest.json',
    ]);
    expect(fake.published).toHaveLength(1);
    expect(JSON.parse(fake.published[0]?.message ?? '').default).toContain(
      'Lambda VPC audit of account 123456789012',
    );
    // The collectors' and publishers' calls all reached the fake endpoint.
    for (const service of ['sts', 'lambda', 'ec2', 'iam', 's3', 'sns']) {
      expect(
        fake.requests.some((r) => r.service === service),
        service,
      ).toBe(true);
    }
    // Structured logs with the run id as correlation id.
    const finished = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.message === 'Audit finished');
    expect(finished?.correlation_id).toBe((run.response as { runId: string }).runId);
  });

  it('loads the clients it imports on use (Security Hub, SSM) from their chunks when those targets are on', async () => {
    const run = await invokeBundle(
      { publish: true },
      { ...publishEnv(), SECURITY_HUB_EXPORT: 'true', SLACK_WEBHOOK_PARAMETER: '/audit/slack' },
    );
    expect(run.code, run.stderr).toBe(0);
    // The fake endpoint does not implement either API: each is a failed target, named, not a crash.
    expect(run.response).toMatchObject({
      ok: true,
      publish: {
        s3: { status: 'stored' },
        sns: { status: 'sent' },
        slack: { status: 'failed', error: expect.stringContaining('SSM parameter /audit/slack') },
        securityHub: {
          status: 'failed',
          error: expect.stringContaining('Security Hub BatchImportFindings failed'),
        },
      },
    });
    expect(fake.requests.map((r) => r.service)).toEqual(expect.arrayContaining(['securityhub', 'ssm']));
  });

  it('answers a bad payload with the wrong fields and touches nothing', async () => {
    const run = await invokeBundle({ publish: 'yes', region: 'eu-west-1' }, publishEnv());
    expect(run.code).toBe(0);
    expect(run.response).toEqual({
      ok: false,
      error: {
        type: 'ConfigError',
        message:
          'Invalid invoke payload:\n  publish: must be true or false\n  unknown field "region" (allowed: regions, target, runId, functions, publish, format, cleanup)',
      },
    });
    expect(fake.requests).toEqual([]);
  });

  it('fails its init with a clear message when the environment is wrong', async () => {
    const run = await invokeBundle(SCHEDULED, { ...publishEnv(), ALERT_THRESHOLD: 'severe' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Invalid environment configuration:');
    expect(run.stderr).toContain(
      'ALERT_THRESHOLD: "severe" is not a severity (one of critical, high, medium, low, info)',
    );
    expect(fake.requests).toEqual([]);
  });
});
