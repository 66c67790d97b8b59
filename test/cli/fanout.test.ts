import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWSOrganizationsNotInUseException, ListAccountsCommand } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes.js';
import { runCli } from '../../cli/program.js';
import type { Rollup } from '../../lib/model/rollup.js';
import { createPublishClients } from '../../lib/publish/clients.js';
import {
  cleanAccount,
  fakeAccounts,
  MANAGEMENT,
  MEMBER,
  mockOrganization,
  NO_ROLE,
  OTHER_MEMBER,
  singleAzAccount,
} from '../fanout/aws-fakes.js';
import { startFakeAws } from '../fixtures/fake-aws.js';
import { captureIo } from './capture-io.js';

const io = (env: Record<string, string> = { AWS_REGION: 'eu-west-1' }) => captureIo({ env });

let aws: ReturnType<typeof mockOrganization>;
beforeEach(() => {
  aws = mockOrganization();
});
afterEach(() => aws.restore());

describe('audit --regions', () => {
  it('audits each listed region and rolls up; a region that fails is a failed target, not a crash', async () => {
    const { deps, calls } = fakeAccounts(singleAzAccount, ['eu-south-2']);
    const t = io();
    const code = await runCli(
      ['--regions', 'eu-west-1,us-east-1,eu-south-2', '--format', 'json', '--fail-on', 'high'],
      t.io,
      deps,
    );
    const rollup = JSON.parse(t.stdout()) as Rollup;
    expect(calls.map((c) => c.region).sort()).toEqual(['eu-south-2', 'eu-west-1', 'us-east-1']);
    expect(rollup.totals).toMatchObject({ targets: 3, accounts: 1, audited: 2, failed: 1, failedChecks: 2 });
    expect(rollup.targets[0]).toMatchObject({
      accountId: MANAGEMENT,
      region: 'eu-south-2',
      status: 'failed',
      error: { code: 'InvalidClientTokenId' },
    });
    // Only medium findings, but one target could not be verified at all: 3, not 0.
    expect(code).toBe(EXIT.unverified);
  });

  it('asks the account for its enabled regions with "all"', async () => {
    const { deps, calls } = fakeAccounts(cleanAccount);
    const t = io();
    expect(await runCli(['--regions', 'all', '--fail-on', 'low'], t.io, deps)).toBe(EXIT.ok);
    expect(calls.map((c) => c.region).sort()).toEqual(['eu-south-2', 'eu-west-1', 'us-east-1']);
    expect(t.stdout()).toContain('All 3 targets audited completely; no check failed; 0 unknown.');
  });

  it('exits 1 when a finding in any target is at or above --fail-on', async () => {
    const { deps } = fakeAccounts((account, region) =>
      region === 'us-east-1' ? singleAzAccount(account, region) : cleanAccount(account, region),
    );
    const t = io();
    expect(await runCli(['--regions', 'eu-west-1,us-east-1', '--fail-on', 'medium'], t.io, deps)).toBe(
      EXIT.findings,
    );
    expect(t.stdout()).toContain('Result: 1 check failed (1 medium) in 1 of 2 targets');
  });

  it('refuses --regions with --region, and html for the roll-up, before calling AWS', async () => {
    const { deps, calls } = fakeAccounts(cleanAccount);
    const both = io();
    expect(await runCli(['--regions', 'all', '--region', 'eu-west-1'], both.io, deps)).toBe(EXIT.error);
    expect(both.stderr()).toContain('--regions and --region cannot be combined');
    const html = io();
    expect(await runCli(['--regions', 'eu-west-1', '--format', 'html'], html.io, deps)).toBe(EXIT.error);
    expect(html.stderr()).toContain('The roll-up is rendered as text, json or md, not html');
    const stray = io();
    expect(await runCli(['--accounts', MEMBER, '--region', 'eu-west-1'], stray.io, deps)).toBe(EXIT.error);
    expect(stray.stderr()).toContain('--accounts selects accounts of --org');
    expect(calls).toEqual([]);
  });

  it('writes each target report and the roll-up to --output-dir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lva-fanout-'));
    const { deps } = fakeAccounts(singleAzAccount);
    const t = io();
    await runCli(['--regions', 'eu-west-1,us-east-1', '--format', 'md', '--output-dir', dir], t.io, deps);
    const target = await readFile(join(dir, MANAGEMENT, 'us-east-1.md'), 'utf8');
    expect(target).toContain(`# Lambda VPC audit: ${MANAGEMENT} / us-east-1`);
    const rollup = await readFile(join(dir, 'rollup.md'), 'utf8');
    expect(rollup).toContain('# Lambda VPC audit roll-up');
    expect(rollup).toContain(join(dir, MANAGEMENT, 'us-east-1.md'));
  });
});

describe('audit --org', () => {
  it('assumes the role in each active member, uses its own credentials for itself, and reports an unassumable member as a coverage gap', async () => {
    const { deps, calls } = fakeAccounts(singleAzAccount);
    const t = io();
    const code = await runCli(
      ['--org', 'LambdaVpcAudit', '--region', 'eu-west-1', '--format', 'json'],
      t.io,
      deps,
    );
    const rollup = JSON.parse(t.stdout()) as Rollup;

    expect(code).toBe(EXIT.ok);
    expect(calls.map((c) => c.accountId).sort()).toEqual([MANAGEMENT, MEMBER, OTHER_MEMBER]);
    const assumed = aws.sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input);
    expect(assumed.map((input) => input.RoleArn).sort()).toEqual([
      `arn:aws:iam::${MEMBER}:role/LambdaVpcAudit`,
      `arn:aws:iam::${OTHER_MEMBER}:role/LambdaVpcAudit`,
      `arn:aws:iam::${NO_ROLE}:role/LambdaVpcAudit`,
    ]);
    expect(assumed[0]).toMatchObject({
      DurationSeconds: 3600,
      RoleSessionName: expect.stringMatching(/^lambda-vpc-audit-20261124T030000Z-/),
    });
    expect(rollup.totals).toMatchObject({ targets: 4, accounts: 4, audited: 3, notAssumable: 1, failed: 0 });
    expect(rollup.targets[0]).toEqual({
      accountId: NO_ROLE,
      accountName: 'sandbox',
      status: 'not-assumable',
      error: {
        code: 'AccessDenied',
        message: expect.stringContaining(`Cannot assume arn:aws:iam::${NO_ROLE}:role/LambdaVpcAudit`),
      },
    });
    // The suspended account is not a target at all.
    expect(rollup.targets.some((target) => target.accountId === '555555555555')).toBe(false);
  });

  it('limits --org to --accounts and says when a listed account is not an active member', async () => {
    const { deps, calls } = fakeAccounts(cleanAccount);
    const t = io();
    await runCli(
      [
        '--org',
        'LambdaVpcAudit',
        '--accounts',
        `${MEMBER},999999999999`,
        '--regions',
        'eu-west-1',
        '--format',
        'json',
      ],
      t.io,
      deps,
    );
    const rollup = JSON.parse(t.stdout()) as Rollup;
    expect(calls.map((c) => c.accountId)).toEqual([MEMBER]);
    expect(rollup.targets.map((target) => [target.accountId, target.status])).toEqual([
      ['999999999999', 'failed'],
      [MEMBER, 'audited'],
    ]);
  });

  it('exits 3 with --fail-on when a member could not be assumed and nothing failed', async () => {
    const { deps } = fakeAccounts(cleanAccount);
    const t = io();
    expect(await runCli(['--org', 'LambdaVpcAudit', '--fail-on', 'critical'], t.io, deps)).toBe(
      EXIT.unverified,
    );
    expect(t.stdout()).toContain('NOT ASSUMABLE');
    expect(t.stdout()).toContain('No check failed, but 1 target not assumable: this is not a clean pass.');
  });

  it('fails with where to run it from when Organizations refuses the listing (exit 2)', async () => {
    aws.organizations.on(ListAccountsCommand).rejects(
      new AWSOrganizationsNotInUseException({
        message: 'Your account is not a member of an organization.',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const { deps } = fakeAccounts(cleanAccount);
    const t = io();
    expect(await runCli(['--org', 'LambdaVpcAudit'], t.io, deps)).toBe(EXIT.error);
    expect(t.stderr()).toBe(
      "lambda-vpc-audit: Cannot list the organization's accounts (organizations:ListAccounts): " +
        'AWSOrganizationsNotInUseException: Your account is not a member of an organization. Run it from the ' +
        'management account or an account it delegated Organizations read access to.\n',
    );
  });
});

describe('audit --regions --publish', () => {
  it('stores each target report and the roll-up, and sends ONE alert for the run', async () => {
    const fake = await startFakeAws();
    process.env.AWS_ENDPOINT_URL = fake.url;
    try {
      const { deps } = fakeAccounts(singleAzAccount);
      const t = io();
      const topic = `arn:aws:sns:eu-west-1:${MANAGEMENT}:audit-alerts`;
      const code = await runCli(
        ['--regions', 'eu-west-1,us-east-1', '--publish', '--bucket', 'audit-reports', '--topic', topic],
        t.io,
        deps,
        (options) => createPublishClients({ ...options, maxAttempts: 1 }),
      );
      expect(code).toBe(EXIT.ok);
      const keys = [...fake.objects.keys()];
      expect(keys.filter((key) => key.endsWith('.json') && key.includes(`/${MANAGEMENT}/`))).toHaveLength(4);
      expect(
        keys.some((key) => /^audit-reports\/lambda-vpc-audit\/rollup\/2026\/11\/24\/.+\.md$/.test(key)),
      ).toBe(true);
      expect(fake.published).toHaveLength(1);
      expect(fake.published[0]?.subject).toBe('Lambda VPC audit roll-up: 2 failed checks in 2 of 2 targets');
      expect(t.stderr()).toContain('Roll-up stored: s3://audit-reports/lambda-vpc-audit/rollup/2026/11/24/');
      expect(t.stderr()).toContain(
        'Alert sent (2 targets with new, resolved or unverified checks at or above medium)',
      );
    } finally {
      await fake.close();
      delete process.env.AWS_ENDPOINT_URL;
    }
  });
});
