import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AssumeRoleError,
  assumeRole,
  memberRoleArn,
  SESSION_DURATION_SECONDS,
  sessionNameFor,
} from '../../lib/aws/assume-role.js';
import { listActiveAccounts } from '../../lib/collect/organizations.js';
import { listEnabledRegions } from '../../lib/collect/regions.js';

const sts = mockClient(STSClient);
const organizations = mockClient(OrganizationsClient);
const ec2 = mockClient(EC2Client);
beforeEach(() => {
  sts.reset();
  organizations.reset();
  ec2.reset();
});
afterEach(() => {
  sts.reset();
});

const ROLE = 'arn:aws:iam::222222222222:role/LambdaVpcAuditMember';

describe('assumeRole', () => {
  it('assumes once up front and renews shortly before the session ends, one call for every client at once', async () => {
    let now = Date.parse('2026-11-24T03:00:00Z');
    let issued = 0;
    sts.on(AssumeRoleCommand).callsFake(() => {
      issued += 1;
      return {
        Credentials: {
          AccessKeyId: `ASIA${issued}`,
          SecretAccessKey: 's',
          SessionToken: 't',
          Expiration: new Date(now + SESSION_DURATION_SECONDS * 1000),
        },
      };
    });
    const provider = await assumeRole(new STSClient({}), { roleArn: ROLE, sessionName: 'x' }, () => now);
    if (typeof provider !== 'function') throw new Error('expected a provider');
    expect((await provider()).accessKeyId).toBe('ASIA1');
    now += 50 * 60_000;
    expect((await provider()).accessKeyId).toBe('ASIA1');
    now += 6 * 60_000;
    const renewed = await Promise.all([provider(), provider(), provider()]);
    expect(renewed.map((identity) => identity.accessKeyId)).toEqual(['ASIA2', 'ASIA2', 'ASIA2']);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'x',
      DurationSeconds: 3600,
    });
  });

  it("fails with AWS's code when the role is missing or does not trust the caller", async () => {
    sts.on(AssumeRoleCommand).rejects(
      new STSServiceException({
        name: 'AccessDenied',
        message: `User: arn:aws:sts::111111111111:assumed-role/auditor/s is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const error = await assumeRole(new STSClient({}), { roleArn: ROLE, sessionName: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AssumeRoleError);
    expect(error).toMatchObject({
      code: 'AccessDenied',
      message: expect.stringContaining(`Cannot assume ${ROLE}:`),
    });
  });

  it('builds the role ARN in the partition, and a session name STS accepts', () => {
    expect(memberRoleArn('aws-cn', '222222222222', 'audit/Member')).toBe(
      'arn:aws-cn:iam::222222222222:role/audit/Member',
    );
    expect(sessionNameFor('20261124T030000Z-0a1b2c3d')).toBe('lambda-vpc-audit-20261124T030000Z-0a1b2c3d');
    expect(sessionNameFor('x'.repeat(100))).toHaveLength(64);
  });
});

describe('listActiveAccounts', () => {
  it('reads every page and keeps only active accounts, by State, or by Status where State is absent', async () => {
    organizations
      .on(ListAccountsCommand)
      .resolvesOnce({
        Accounts: [
          { Id: '333333333333', Name: 'staging', State: 'ACTIVE' },
          { Id: '555555555555', Name: 'closing', State: 'PENDING_CLOSURE', Status: 'ACTIVE' },
        ],
        NextToken: 't1',
      })
      .resolves({
        Accounts: [
          { Id: '222222222222', Name: 'prod', Status: 'ACTIVE' },
          { Id: '666666666666', Status: 'SUSPENDED' },
        ],
      });
    expect(await listActiveAccounts(new OrganizationsClient({}))).toEqual([
      { id: '222222222222', name: 'prod' },
      { id: '333333333333', name: 'staging' },
    ]);
    const calls = organizations.commandCalls(ListAccountsCommand).map((call) => call.args[0].input);
    // The paginator reuses its input object, so the first call shows the token it was later given.
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual({ MaxResults: 20, NextToken: 't1' });
  });

  it('refuses a list whose page token comes back, rather than loop or leave accounts out unnoticed', async () => {
    organizations
      .on(ListAccountsCommand)
      .resolves({ Accounts: [{ Id: '333333333333', State: 'ACTIVE' }], NextToken: 'again' });
    await expect(listActiveAccounts(new OrganizationsClient({}))).rejects.toThrow(
      'organizations:ListAccounts returned page token "again" a second time (page 2): the list cannot be trusted.',
    );
    expect(organizations.commandCalls(ListAccountsCommand)).toHaveLength(2);
  });
});

describe('listEnabledRegions', () => {
  it('asks for enabled regions only and keeps those the account can use', async () => {
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'eu-south-2', OptInStatus: 'opted-in' },
        { RegionName: 'me-central-1', OptInStatus: 'not-opted-in' },
      ],
    });
    expect(await listEnabledRegions(new EC2Client({}))).toEqual(['eu-south-2', 'us-east-1']);
    expect(ec2.commandCalls(DescribeRegionsCommand)[0]?.args[0].input).toEqual({ AllRegions: false });
  });
});
