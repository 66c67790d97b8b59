import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AssumeRoleError } from '../../lib/aws/assume-role.js';
import type { DiscoveryDeps } from '../../lib/collect/discovery.js';
import { loadFanOutConfig } from '../../lib/lambda/fanout-config.js';
import { createPlanHandler } from '../../lib/lambda/plan.js';
import { createPowertools } from '../../lib/lambda/powertools.js';
import { createRollupHandler } from '../../lib/lambda/rollup.js';
import type { Rollup } from '../../lib/model/rollup.js';
import { createPublishClients } from '../../lib/publish/clients.js';
import type { TargetItem } from '../../lib/publish/fanout-objects.js';
import { targetOutcomeOf } from '../../lib/report/assemble/rollup.js';
import { type FakeAws, startFakeAws } from '../fixtures/fake-aws.js';
import { makeFinding, makeReport } from '../report/report-factory.js';

const OWN = '111111111111';
const BUCKET = 'audit-reports';
const NOW = new Date('2026-11-24T03:40:00.000Z');
const START = '2026-11-24T03:00:00.000Z';

const discovery: DiscoveryDeps = {
  partition: 'aws',
  callerAccount: async () => OWN,
  listAccounts: async () => [
    { id: OWN, name: 'audit' },
    { id: '222222222222', name: 'prod' },
    { id: '444444444444', name: 'sandbox' },
  ],
  assumeRole: async (roleArn) => {
    if (roleArn.includes('444444444444'))
      throw new AssumeRoleError(`Cannot assume ${roleArn}: denied`, 'AccessDenied');
    return { accessKeyId: 'ASIA', secretAccessKey: 's', sessionToken: 't' };
  },
  enabledRegions: async () => ['eu-west-1', 'us-east-1'],
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

function deps(env: Record<string, string> = {}) {
  const config = loadFanOutConfig({
    AWS_REGION: 'eu-west-1',
    REPORT_BUCKET: BUCKET,
    TOPIC_ARN: `arn:aws:sns:eu-west-1:${OWN}:audit-alerts`,
    MEMBER_ROLE_NAME: 'LambdaVpcAuditMember',
    REGIONS: 'all',
    ...env,
  });
  const clients = createPublishClients({ region: 'eu-west-1', maxAttempts: 1 });
  return {
    config,
    logger: createPowertools({}).logger,
    s3: clients.s3,
    sns: clients.sns,
    discovery: () => discovery,
    now: () => NOW,
  };
}

function stored(key: string): unknown {
  const object = fake.objects.get(`${BUCKET}/${key}`);
  if (!object) throw new Error(`no object ${key}`);
  return JSON.parse(object.body);
}

describe('fan-out planning task', () => {
  it('writes one Map item per account and region, and records the account whose role cannot be assumed', async () => {
    const plan = await createPlanHandler(deps())({ executionName: 'nightly-1', startTime: START });
    expect(plan).toMatchObject({ bucket: BUCKET, targets: 4, unreachable: 1 });
    expect(plan.runId).toMatch(/^20261124T030000Z-[0-9a-f]{8}$/);
    // A retried planning task plans the same run.
    expect((await createPlanHandler(deps())({ executionName: 'nightly-1', startTime: START })).runId).toBe(
      plan.runId,
    );

    const items = stored(plan.targetsKey) as TargetItem[];
    expect(plan.targetsKey).toBe(`lambda-vpc-audit/rollup/runs/${plan.runId}/targets.json`);
    expect(items).toContainEqual({
      target: {
        accountId: '222222222222',
        accountName: 'prod',
        region: 'us-east-1',
        roleArn: 'arn:aws:iam::222222222222:role/LambdaVpcAuditMember',
      },
      runId: plan.runId,
    });
    // Its own account with its own role: no roleArn to assume.
    expect(items).toContainEqual({
      target: { accountId: OWN, accountName: 'audit', region: 'eu-west-1' },
      runId: plan.runId,
    });
    expect(stored(plan.planKey)).toMatchObject({
      unreachable: [{ accountId: '444444444444', status: 'not-assumable', error: { code: 'AccessDenied' } }],
    });
  });

  it('refuses a fixed account list without the role to assume in them, at cold start', () => {
    expect(() => deps({ MEMBER_ROLE_NAME: '', ACCOUNTS: '222222222222' })).toThrow(
      'ACCOUNTS: needs MEMBER_ROLE_NAME, the role to assume in them',
    );
  });
});

describe('fan-out roll-up task', () => {
  it("reads the plan and the map's results, stores the roll-up and sends one alert", async () => {
    const plan = await createPlanHandler(deps())({ executionName: 'nightly-1', startTime: START });
    const items = stored(plan.targetsKey) as TargetItem[];
    const report = {
      ...makeReport({ findings: [makeFinding({ severity: 'high' })] }),
      accountId: '222222222222',
      region: 'us-east-1',
      runId: plan.runId,
    };
    const outcome = targetOutcomeOf(
      report,
      { accountId: '222222222222', accountName: 'prod' },
      { alertReasons: ['1 new failed check at or above medium'] },
    );
    const [first, ...others] = items.filter(
      (i) => !(i.target.accountId === '222222222222' && i.target.region === 'us-east-1'),
    );
    const prefix = 'lambda-vpc-audit/rollup/map-results/map-run-1';
    const succeeded = [
      {
        Status: 'SUCCEEDED',
        Input: JSON.stringify({ target: { accountId: '222222222222', region: 'us-east-1' } }),
        Output: JSON.stringify({ ok: true, outcome }),
      },
      ...others.map((i) => ({
        Status: 'SUCCEEDED',
        Input: JSON.stringify(i),
        Output: JSON.stringify({
          ok: true,
          outcome: targetOutcomeOf(
            { ...makeReport(), accountId: i.target.accountId, region: i.target.region },
            i.target,
          ),
        }),
      })),
    ];
    const failed = [
      {
        Status: 'FAILED',
        Input: JSON.stringify(first),
        Error: 'States.Timeout',
        Cause: 'The child execution timed out.',
      },
    ];
    const put = (key: string, value: unknown) =>
      fake.objects.set(`${BUCKET}/${key}`, { body: JSON.stringify(value), headers: {} });
    put(`${prefix}/SUCCEEDED_0.json`, succeeded);
    put(`${prefix}/FAILED_0.json`, failed);
    put(`${prefix}/manifest.json`, {
      DestinationBucket: BUCKET,
      MapRunArn: 'arn:aws:states:eu-west-1:111111111111:mapRun:m/AuditTargets:1',
      ResultFiles: {
        FAILED: [{ Key: `${prefix}/FAILED_0.json`, Size: 1 }],
        PENDING: [],
        SUCCEEDED: [{ Key: `${prefix}/SUCCEEDED_0.json`, Size: 1 }],
      },
    });

    const response = await createRollupHandler(deps())({
      runId: plan.runId,
      planKey: plan.planKey,
      resultWriterDetails: { Bucket: BUCKET, Key: `${prefix}/manifest.json` },
    });

    expect(response.totals).toMatchObject({
      targets: 5,
      audited: 3,
      failed: 1,
      notAssumable: 1,
      failedChecks: 1,
    });
    const rollup = stored(`lambda-vpc-audit/rollup/2026/11/24/${plan.runId}.json`) as Rollup;
    expect(rollup.targets.find((t) => t.status === 'failed')).toMatchObject({
      accountId: first?.target.accountId,
      error: { code: 'States.Timeout', message: 'The child execution timed out.' },
    });
    expect((stored('lambda-vpc-audit/rollup/latest.json') as Rollup).runId).toBe(plan.runId);
    expect(fake.objects.has(`${BUCKET}/lambda-vpc-audit/rollup/2026/11/24/${plan.runId}.md`)).toBe(true);
    expect(fake.published).toHaveLength(1);
    expect(fake.published[0]?.subject).toBe(
      'Lambda VPC audit roll-up: 1 failed check in 1 of 5 targets, 2 not audited',
    );
    expect(response.publish.sns).toMatchObject({
      status: 'sent',
      reasons: [
        '1 target with new, resolved or unverified checks at or above medium',
        '2 targets could not be audited',
      ],
    });
  });
});
