import { IAMClient } from '@aws-sdk/client-iam';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RULES } from '../../lib/analyze/registry.js';
import type { AuditDeps, SnapshotSource } from '../../lib/audit.js';
import { AssumeRoleError } from '../../lib/aws/assume-role.js';
import type { AccountAccess } from '../../lib/collect/account-access.js';
import { CollectionError } from '../../lib/errors.js';
import { loadEnvConfig } from '../../lib/lambda/env-config.js';
import { createAuditHandler } from '../../lib/lambda/handler.js';
import { createPowertools } from '../../lib/lambda/powertools.js';
import type { AuditResponse } from '../../lib/lambda/response.js';
import type { Rollup } from '../../lib/model/rollup.js';
import type { Snapshot } from '../../lib/model/snapshot.js';
import { createPublishClients } from '../../lib/publish/clients.js';
import { accountOf, cleanAccount, singleAzAccount } from '../fanout/aws-fakes.js';
import { type FakeAws, startFakeAws } from '../fixtures/fake-aws.js';

const OWN = '111111111111';
const MEMBER = '222222222222';
const NO_ROLE = '444444444444';
const RUN_ID = '20261124T030000Z-0a1b2c3d';
const NOW = new Date('2026-11-24T03:00:07.000Z');

function lambdaContext(): Context {
  return {
    awsRequestId: 'req-1',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:${OWN}:function:lambda-vpc-auditor-fanout`,
    functionName: 'lambda-vpc-auditor-fanout',
    functionVersion: '$LATEST',
    memoryLimitInMB: '1024',
    logGroupName: '/aws/lambda/x',
    logStreamName: 's',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 600_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** STS as the fan-out sees it: the function's own account, a member role that works and one that does not. */
const access: AccountAccess = {
  partition: 'aws',
  callerAccount: async () => OWN,
  assumeRole: async (roleArn) => {
    const account = roleArn.split(':')[4] ?? '';
    if (account === NO_ROLE) {
      throw new AssumeRoleError(
        `Cannot assume ${roleArn}: not authorized to perform sts:AssumeRole`,
        'AccessDenied',
      );
    }
    return { accessKeyId: `ASIA${account}`, secretAccessKey: 's', sessionToken: 't' };
  },
};

let fake: FakeAws;
beforeEach(async () => {
  fake = await startFakeAws();
  process.env.AWS_ENDPOINT_URL = fake.url;
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fake.close();
  delete process.env.AWS_ENDPOINT_URL;
});

function setup(snapshotOf: (accountId: string, region: string) => Snapshot) {
  const sources: Extract<SnapshotSource, { kind: 'aws' }>[] = [];
  const audit: AuditDeps = {
    readSnapshot: async () => cleanAccount(OWN, 'eu-west-1'),
    collect: async (source) => {
      sources.push(source);
      // Without assumed credentials, the function's own account (accountOf's default).
      const accountId = await accountOf(source);
      if (source.region === 'ap-east-1') {
        throw new CollectionError(
          'AWS rejected the credentials: InvalidClientTokenId: the region is not enabled',
        );
      }
      return snapshotOf(accountId, source.region);
    },
    rules: RULES,
  };
  const handler = createAuditHandler({
    config: loadEnvConfig({
      AWS_REGION: 'eu-west-1',
      REPORT_BUCKET: 'audit-reports',
      TOPIC_ARN: `arn:aws:sns:eu-west-1:${OWN}:audit-alerts`,
    }),
    powertools: createPowertools({}),
    audit,
    publish: { clients: createPublishClients({ region: 'eu-west-1', maxAttempts: 1 }) },
    now: () => NOW,
    discovery: () => access,
  });
  return { handler, sources };
}

const target = (accountId: string, region: string, role = true) => ({
  target: {
    accountId,
    region,
    accountName: 'prod',
    ...(role ? { roleArn: `arn:aws:iam::${accountId}:role/LambdaVpcAudit` } : {}),
  },
  runId: RUN_ID,
});

describe('audit handler, one fan-out target', () => {
  it('assumes the member role, audits that account and region, stores its report and leaves the alert to the roll-up', async () => {
    const { handler, sources } = setup(singleAzAccount);
    const response = await handler(target(MEMBER, 'us-east-1'), lambdaContext());

    expect(sources).toHaveLength(1);
    expect(sources[0]?.region).toBe('us-east-1');
    expect(await accountOf(sources[0] ?? { kind: 'aws', region: '' })).toBe(MEMBER);
    expect(response).toMatchObject({
      ok: true,
      runId: RUN_ID,
      accountId: MEMBER,
      region: 'us-east-1',
      outcome: {
        status: 'audited',
        accountId: MEMBER,
        accountName: 'prod',
        region: 'us-east-1',
        runId: RUN_ID,
        counts: { failed: 1, bySeverity: { medium: 1 } },
        worst: [{ ruleId: 'function-multi-az', severity: 'medium', resourceId: 'orders-api' }],
        location: `s3://audit-reports/lambda-vpc-audit/${MEMBER}/us-east-1/2026/11/24/${RUN_ID}.html`,
        alertReasons: expect.arrayContaining(['1 new failed check at or above medium']),
      },
    });
    expect([...fake.objects.keys()]).toContain(
      `audit-reports/lambda-vpc-audit/${MEMBER}/us-east-1/2026/11/24/${RUN_ID}.json`,
    );
    expect(fake.published).toEqual([]);
  });

  it('answers with a not-assumable outcome, collecting and storing nothing, when the role cannot be assumed', async () => {
    const { handler, sources } = setup(cleanAccount);
    const response: AuditResponse = await handler(target(NO_ROLE, 'eu-west-1'), lambdaContext());
    expect(response).toEqual({
      ok: false,
      error: { type: 'not-assumable', message: expect.stringContaining('AccessDenied: Cannot assume') },
      outcome: {
        accountId: NO_ROLE,
        accountName: 'prod',
        region: 'eu-west-1',
        status: 'not-assumable',
        error: { code: 'AccessDenied', message: expect.stringContaining('sts:AssumeRole') },
      },
    });
    expect(sources).toEqual([]);
    expect(fake.objects.size).toBe(0);
  });

  it('answers with a failed outcome when the region cannot be reached, instead of failing the invocation', async () => {
    const { handler } = setup(cleanAccount);
    const response = await handler(target(MEMBER, 'ap-east-1'), lambdaContext());
    expect(response).toMatchObject({
      ok: false,
      outcome: {
        status: 'failed',
        accountId: MEMBER,
        region: 'ap-east-1',
        error: { code: 'CollectionError' },
      },
    });
  });

  it('says a target is incomplete when the time budget cut its collection short', async () => {
    const { handler } = setup((accountId, region) => {
      const snapshot = cleanAccount(accountId, region);
      return { ...snapshot, meta: { ...snapshot.meta, incomplete: { reason: 'The time budget ran out.' } } };
    });
    const response = await handler(target(OWN, 'eu-west-1', false), lambdaContext());
    expect(response).toMatchObject({
      ok: true,
      outcome: { status: 'audited', incomplete: 'The time budget ran out.' },
    });
  });
});

describe('audit handler, several regions of its own account', () => {
  it('audits each region, stores each report and the roll-up, and sends ONE alert', async () => {
    const { handler, sources } = setup(singleAzAccount);
    const response = await handler({ regions: ['eu-west-1', 'us-east-1', 'ap-east-1'] }, lambdaContext());

    expect(sources.map((s) => s.region).sort()).toEqual(['ap-east-1', 'eu-west-1', 'us-east-1']);
    if (!response.ok) throw new Error(response.error.message);
    expect(response.summary.failed).toBe(2);
    expect(response.rollup?.totals).toMatchObject({ targets: 3, audited: 2, failed: 1, failedChecks: 2 });
    const keys = [...fake.objects.keys()];
    expect(keys).toContain(
      `audit-reports/lambda-vpc-audit/${OWN}/us-east-1/2026/11/24/${response.runId}.json`,
    );
    expect(keys).toContain(`audit-reports/lambda-vpc-audit/rollup/2026/11/24/${response.runId}.md`);
    const latest = fake.objects.get('audit-reports/lambda-vpc-audit/rollup/latest.json');
    expect((JSON.parse(latest?.body ?? '{}') as Rollup).runId).toBe(response.runId);
    expect(fake.published).toHaveLength(1);
    expect(fake.published[0]?.subject).toBe(
      'Lambda VPC audit roll-up: 2 failed checks in 2 of 3 targets, 1 not audited',
    );
  });

  it("reads IAM once for all its regions: every region's collection gets the run's one shared IAM client", async () => {
    const { handler, sources } = setup(cleanAccount);
    await handler({ regions: ['eu-west-1', 'us-east-1'] }, lambdaContext());
    await handler({ regions: ['eu-west-1', 'us-east-1'] }, lambdaContext());

    const shared = sources.map((source) => source.sharedIam?.(new IAMClient({ region: source.region })));
    expect(shared).toHaveLength(4);
    const [first, second, nextRun] = shared;
    expect(first).toBeInstanceOf(IAMClient);
    expect(second).toBe(first);
    // A new invocation, a new cache: nothing is kept from one run to the next.
    expect(nextRun).toBeInstanceOf(IAMClient);
    expect(nextRun).not.toBe(first);
    expect(shared[3]).toBe(nextRun);
  });

  it('a single-region audit shares nothing', async () => {
    const { handler, sources } = setup(cleanAccount);
    await handler({}, lambdaContext());
    await handler(target(MEMBER, 'us-east-1'), lambdaContext());

    expect(sources.map((source) => source.sharedIam)).toEqual([undefined, undefined]);
  });
});
