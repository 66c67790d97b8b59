import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { AuditDeps, SnapshotSource } from '../../lib/audit.js';
import { defaultAuditDeps } from '../../lib/audit.js';
import { CollectionError } from '../../lib/errors.js';
import type { Snapshot } from '../../lib/model/snapshot.js';
import { emptySnapshot, fn, role, securityGroup, subnet, vpc } from '../fixtures/snapshot-builder.js';

/**
 * An organization behind aws-sdk-client-mock, answering as AWS does: the management account 111111111111
 * (the credentials in use), members 222222222222 and 333333333333 with the audit role, and 444444444444
 * whose role is missing (AssumeRole: AccessDenied). Each account's "live" snapshot comes from `collect`.
 */

export const MANAGEMENT = '111111111111';
export const MEMBER = '222222222222';
export const OTHER_MEMBER = '333333333333';
export const NO_ROLE = '444444444444';
export const SUSPENDED = '555555555555';

const stsError = (name: string, message: string, status = 403) =>
  new STSServiceException({
    name,
    message,
    $fault: 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 },
  });

export function mockOrganization() {
  const sts = mockClient(STSClient);
  const organizations = mockClient(OrganizationsClient);
  const ec2 = mockClient(EC2Client);
  sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: MANAGEMENT, Arn: `arn:aws:iam::${MANAGEMENT}:user/me` });
  sts.on(AssumeRoleCommand).callsFake((input: { RoleArn?: string }) => {
    const account = input.RoleArn?.split(':')[4] ?? '';
    if (account === NO_ROLE) {
      throw stsError(
        'AccessDenied',
        `User: arn:aws:iam::${MANAGEMENT}:user/me is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
      );
    }
    return {
      Credentials: {
        AccessKeyId: `ASIA${account}`,
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date(Date.now() + 3_600_000),
      },
    };
  });
  // Two pages, as ListAccounts returns at most 20 per page; a suspended account on the second.
  organizations
    .on(ListAccountsCommand)
    .resolvesOnce({
      Accounts: [
        { Id: MANAGEMENT, Name: 'management', State: 'ACTIVE', Status: 'ACTIVE' },
        { Id: MEMBER, Name: 'prod', State: 'ACTIVE', Status: 'ACTIVE' },
      ],
      NextToken: 'page-2',
    })
    .resolves({
      Accounts: [
        { Id: NO_ROLE, Name: 'sandbox', State: 'ACTIVE', Status: 'ACTIVE' },
        { Id: SUSPENDED, Name: 'closed', State: 'SUSPENDED', Status: 'SUSPENDED' },
        { Id: OTHER_MEMBER, Name: 'staging', State: 'ACTIVE' },
      ],
    });
  ec2.on(DescribeRegionsCommand).resolves({
    Regions: [
      { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-south-2', OptInStatus: 'opted-in' },
    ],
  });
  return {
    sts,
    organizations,
    ec2,
    restore: () => {
      for (const mock of [sts, organizations, ec2]) mock.restore();
    },
  };
}

/** The account whose credentials a source carries: the assumed role's key names it; none is the management account. */
export async function accountOf(source: Extract<SnapshotSource, { kind: 'aws' }>): Promise<string> {
  const credentials = source.credentials;
  if (credentials === undefined) return MANAGEMENT;
  const identity = typeof credentials === 'function' ? await credentials() : credentials;
  return identity.accessKeyId.replace(/^ASIA/, '');
}

/** One VPC function in a single AZ: `function-multi-az` fails (medium). */
export function singleAzAccount(accountId: string, region: string): Snapshot {
  const snapshot = emptySnapshot({
    subnets: [subnet({ id: 'subnet-a', vpc: 'vpc-1', az: `${region}a` })],
    functions: [fn({ name: 'orders-api', subnets: ['subnet-a'], securityGroups: ['sg-1'] })],
    vpcs: [vpc({ id: 'vpc-1' })],
    securityGroups: [securityGroup({ id: 'sg-1', vpc: 'vpc-1' })],
    roles: [role('orders-api-role')],
  });
  return { ...snapshot, meta: { ...snapshot.meta, accountId, region } };
}

/** Nothing in VPCs: every check passes. */
export function cleanAccount(accountId: string, region: string): Snapshot {
  const snapshot = emptySnapshot();
  return { ...snapshot, meta: { ...snapshot.meta, accountId, region } };
}

/**
 * Audit deps whose live collection answers per account and region from `snapshots`; a region listed in
 * `unreachable` fails the way collection does when STS cannot be reached there.
 */
export function fakeAccounts(
  snapshotOf: (accountId: string, region: string) => Snapshot,
  unreachable: readonly string[] = [],
) {
  const calls: { accountId: string; region: string; profile?: string }[] = [];
  const deps: AuditDeps = {
    ...defaultAuditDeps,
    collect: async (source) => {
      const accountId = await accountOf(source);
      calls.push({
        accountId,
        region: source.region,
        ...(source.profile ? { profile: source.profile } : {}),
      });
      if (unreachable.includes(source.region)) {
        throw new CollectionError(
          `AWS rejected the credentials: InvalidClientTokenId: The security token included in the request is invalid.`,
          {
            cause: stsError('InvalidClientTokenId', 'The security token included in the request is invalid.'),
          },
        );
      }
      return snapshotOf(accountId, source.region);
    },
  };
  return { deps, calls };
}
