/**
 * The Step Functions fan-out runs one invocation per (account, Region); IAM is global, so the targets of one
 * account share its GetAccountAuthorizationDetails through the run's S3 prefix: the first reads it and stores
 * it, the others read the object. With the real collectors against the tests' fake AWS.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RULES } from '../../lib/analyze/registry.js';
import { collectWith } from '../../lib/audit.js';
import { createClients } from '../../lib/aws/clients.js';
import type { AccountAccess } from '../../lib/collect/account-access.js';
import { loadEnvConfig } from '../../lib/lambda/env-config.js';
import { createAuditHandler } from '../../lib/lambda/handler.js';
import { createPowertools } from '../../lib/lambda/powertools.js';
import type { Report } from '../../lib/model/report.js';
import { createPublishClients } from '../../lib/publish/clients.js';
import { type FakeAws, startFakeAws } from '../fixtures/fake-aws.js';
import { lambdaContext } from '../fixtures/lambda-context.js';
import { ACCOUNT_ID } from '../fixtures/snapshot-builder.js';

const RUN_ID = '20261124T030000Z-0a1b2c3d';

const context = lambdaContext();

const access: AccountAccess = {
  partition: 'aws',
  callerAccount: async () => ACCOUNT_ID,
  assumeRole: () => Promise.reject(new Error('not used: the own account')),
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

function handler() {
  return createAuditHandler({
    config: loadEnvConfig({ AWS_REGION: 'eu-west-1', REPORT_BUCKET: 'audit-reports' }),
    powertools: createPowertools({}),
    audit: {
      readSnapshot: () => Promise.reject(new Error('not used')),
      collect: collectWith((source) =>
        createClients({ region: source.region, overrides: { maxAttempts: 1 } }),
      ),
      rules: RULES,
    },
    publish: { clients: createPublishClients({ region: 'eu-west-1', maxAttempts: 1 }) },
    // The collection's deadline comes from the real clock.
    now: () => new Date(),
    discovery: () => access,
  });
}

const target = (region: string) => ({
  target: { accountId: ACCOUNT_ID, region },
  runId: RUN_ID,
  publish: true,
});

function storedReport(region: string): Report {
  const key = `audit-reports/lambda-vpc-audit/${ACCOUNT_ID}/${region}/2026/11/24/${RUN_ID}.json`;
  return JSON.parse(fake.objects.get(key)?.body ?? '{}') as Report;
}

describe('a Step Functions target shares its account’s IAM read with the account’s other Regions', () => {
  it('reads GetAccountAuthorizationDetails once for two Regions, through the run’s S3 prefix', async () => {
    const audit = handler();
    await audit(target('eu-west-1'), context);
    await audit(target('us-east-1'), context);

    const calls = (action: string) => fake.requests.filter((r) => r.action === action).length;
    expect(calls('GetAccountAuthorizationDetails')).toBe(1);
    expect(calls('ListRoles')).toBe(0);
    expect([...fake.objects.keys()]).toEqual(
      expect.arrayContaining([
        `audit-reports/lambda-vpc-audit/rollup/runs/${RUN_ID}/iam/${ACCOUNT_ID}.claim`,
        `audit-reports/lambda-vpc-audit/rollup/runs/${RUN_ID}/iam/${ACCOUNT_ID}.json`,
      ]),
    );
    const roleFindings = (report: Report) =>
      report.findings
        .filter((f) => f.ruleId.startsWith('function-role'))
        .map((f) => `${f.ruleId} ${f.status}`);
    expect(roleFindings(storedReport('us-east-1'))).toEqual(roleFindings(storedReport('eu-west-1')));
    expect(storedReport('us-east-1').executionRoles).toMatchObject({ source: 'policies', roles: 1 });
  });
});
