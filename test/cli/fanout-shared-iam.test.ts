/**
 * IAM is global: a fan-out over several Regions of one account reads it once for all of them (one
 * GetAccountAuthorizationDetails per page, one read per managed policy, one SimulatePrincipalPolicy per role
 * simulated), with the real collectors against aws-sdk-client-mock'ed clients; different accounts never share.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import {
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandInput,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListRolesCommand,
  SimulatePrincipalPolicyCommand,
  type SimulatePrincipalPolicyCommandInput,
} from '@aws-sdk/client-iam';
import {
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  LambdaClient,
  ListCapacityProvidersCommand,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { GetServiceQuotaCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes.js';
import { runCli } from '../../cli/program.js';
import { defaultAuditDeps } from '../../lib/audit.js';
import type { Finding } from '../../lib/model/finding.js';
import type { Report } from '../../lib/model/report.js';
import type { Rollup } from '../../lib/model/rollup.js';
import { iamError } from '../collect/helpers.js';
import { MANAGEMENT, MEMBER, mockOrganization, OTHER_MEMBER } from '../fanout/aws-fakes.js';
import { VPC_ACCESS_POLICY } from '../fixtures/snapshot-builder.js';
import { captureIo } from './capture-io.js';

const io = () => captureIo({ env: { AWS_REGION: 'eu-west-1' } });

/** The account a client works in: an assumed role's key names it (aws-fakes.ts); none is the management account. */
async function accountOfClient(client: { config: { credentials: () => Promise<{ accessKeyId: string }> } }) {
  const { accessKeyId } = await client.config.credentials();
  return accessKeyId.startsWith('ASIA') ? accessKeyId.slice(4) : MANAGEMENT;
}

type ClientLike = Parameters<typeof accountOfClient>[0];

function fn(account: string, name: string, role: string): FunctionConfiguration {
  return {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:eu-west-1:${account}:function:${name}`,
    Version: '$LATEST',
    Runtime: 'nodejs22.x',
    Role: `arn:aws:iam::${account}:role/${role}`,
    MemorySize: 256,
    VpcConfig: { SubnetIds: ['subnet-a', 'subnet-b'], SecurityGroupIds: ['sg-1'], VpcId: 'vpc-1' },
  };
}

/**
 * Per Region: eu-west-1 runs `api` (api-role, which may not create ENIs), `worker` (worker-role) and `legacy`
 * (its role deleted); us-east-1 runs `api` (api-role) and `batch` (batch-role); eu-south-2 runs `api` and
 * `worker`. Distinct existing roles over the three Regions: api-role, worker-role, batch-role.
 */
const FUNCTIONS: Record<string, readonly [string, string][]> = {
  'eu-west-1': [
    ['api', 'api-role'],
    ['worker', 'worker-role'],
    ['legacy', 'deleted-role'],
  ],
  'us-east-1': [
    ['api', 'api-role'],
    ['batch', 'batch-role'],
  ],
  'eu-south-2': [
    ['api', 'api-role'],
    ['worker', 'worker-role'],
  ],
};

/** Every GetAccountAuthorizationDetails call, as `<account> <page>`. */
let authorizationCalls: string[] = [];
/** How long ListFunctions takes per Region (ms). */
let listDelayMs: Record<string, number> = {};

let aws: ReturnType<typeof mockOrganization>;
const lambda = mockClient(LambdaClient);
const iam = mockClient(IAMClient);
const cloudwatch = mockClient(CloudWatchClient);
const quotas = mockClient(ServiceQuotasClient);

/** Every SimulatePrincipalPolicy call the IAM mock answered, as `<account> <role ARN>`. */
async function simulations(): Promise<string[]> {
  return Promise.all(
    iam
      .commandCalls(SimulatePrincipalPolicyCommand)
      .map(
        async (call) =>
          `${await accountOfClient(call.thisValue as ClientLike)} ${call.args[0].input.PolicySourceArn}`,
      ),
  );
}

function mockAccounts(): void {
  // Each client answers for the account of its credentials.
  aws.sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
    const account = await accountOfClient(getClient() as unknown as ClientLike);
    return { Account: account, Arn: `arn:aws:sts::${account}:assumed-role/auditor/s`, UserId: 'AROA:s' };
  });
  lambda
    .on(ListFunctionsCommand)
    .callsFake(async (_input, getClient) => {
      const client = getClient() as unknown as ClientLike & { config: { region: () => Promise<string> } };
      const [account, region] = await Promise.all([accountOfClient(client), client.config.region()]);
      await new Promise((resolve) => setTimeout(resolve, listDelayMs[region] ?? 0));
      return { Functions: (FUNCTIONS[region] ?? []).map(([name, role]) => fn(account, name, role)) };
    })
    .on(GetFunctionCommand)
    .callsFake(async (input: { FunctionName: string }) => ({
      Configuration: { FunctionName: input.FunctionName, State: 'Active', LastUpdateStatus: 'Successful' },
      Tags: {},
    }))
    .on(GetAccountSettingsCommand)
    .resolves({ AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 } })
    .on(ListCapacityProvidersCommand)
    .resolves({ CapacityProviders: [] });
  aws.ec2
    .on(DescribeVpcsCommand)
    .resolves({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', InstanceTenancy: 'default' }] })
    .on(DescribeSubnetsCommand)
    .resolves({
      Subnets: [
        { SubnetId: 'subnet-a', VpcId: 'vpc-1', AvailabilityZone: 'az-a', AvailableIpAddressCount: 200 },
        { SubnetId: 'subnet-b', VpcId: 'vpc-1', AvailabilityZone: 'az-b', AvailableIpAddressCount: 200 },
        { SubnetId: 'subnet-nat', VpcId: 'vpc-1', AvailabilityZone: 'az-a', AvailableIpAddressCount: 250 },
      ],
    })
    .on(DescribeRouteTablesCommand)
    .resolves({
      RouteTables: [
        {
          RouteTableId: 'rtb-1',
          VpcId: 'vpc-1',
          Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-1', RouteTableId: 'rtb-1' }],
          Routes: [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', State: 'active' }],
        },
      ],
    })
    .on(DescribeInternetGatewaysCommand)
    .resolves({
      InternetGateways: [
        { InternetGatewayId: 'igw-1', Attachments: [{ VpcId: 'vpc-1', State: 'attached' }] },
      ],
    })
    .on(DescribeNatGatewaysCommand)
    .resolves({
      NatGateways: [{ NatGatewayId: 'nat-1', VpcId: 'vpc-1', SubnetId: 'subnet-nat', State: 'available' }],
    })
    .on(DescribeVpcEndpointsCommand)
    .resolves({ VpcEndpoints: [] })
    .on(DescribeNetworkInterfacesCommand)
    .resolves({ NetworkInterfaces: [] })
    .on(DescribeSecurityGroupsCommand)
    .resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-1',
          GroupName: 'fn',
          VpcId: 'vpc-1',
          IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
      ],
    })
    .on(DescribeVpcAttributeCommand, { Attribute: 'enableDnsSupport' })
    .resolves({ VpcId: 'vpc-1', EnableDnsSupport: { Value: true } })
    .on(DescribeVpcAttributeCommand, { Attribute: 'enableDnsHostnames' })
    .resolves({ VpcId: 'vpc-1', EnableDnsHostnames: { Value: true } })
    .on(DescribeTransitGatewayVpcAttachmentsCommand)
    .resolves({ TransitGatewayVpcAttachments: [] })
    .on(DescribeNetworkAclsCommand)
    .resolves({ NetworkAcls: [] });
  // Two pages of roles with their policies; api-role's own network policy forgot ec2:CreateNetworkInterface.
  iam
    .on(GetAccountAuthorizationDetailsCommand)
    .callsFake(async (input: GetAccountAuthorizationDetailsCommandInput, getClient) => {
      // The paginator reuses one input object for every page: what this call asked for is read now.
      const marker = input.Marker;
      const account = await accountOfClient(getClient() as unknown as ClientLike);
      authorizationCalls.push(`${account} ${marker ?? 'first'}`);
      const role = (name: string, attached: string) => ({
        Path: '/',
        RoleName: name,
        RoleId: `AROA${name}`,
        Arn: `arn:aws:iam::${account}:role/${name}`,
        CreateDate: new Date('2024-01-01T00:00:00Z'),
        RolePolicyList: [],
        AttachedManagedPolicies: [
          { PolicyName: attached.slice(attached.lastIndexOf('/') + 1), PolicyArn: attached },
        ],
      });
      const apiNetwork = `arn:aws:iam::${account}:policy/api-network`;
      return marker === undefined
        ? {
            RoleDetailList: [role('api-role', apiNetwork), role('worker-role', VPC_ACCESS_POLICY.Arn)],
            Policies: [
              {
                PolicyName: 'api-network',
                Arn: apiNetwork,
                DefaultVersionId: 'v1',
                PolicyVersionList: [
                  {
                    VersionId: 'v1',
                    IsDefaultVersion: true,
                    Document: encodeURIComponent(
                      JSON.stringify({
                        Version: '2012-10-17',
                        Statement: [
                          {
                            Effect: 'Allow',
                            Action: [
                              'ec2:Describe*',
                              'ec2:DeleteNetworkInterface',
                              'ec2:*PrivateIpAddresses',
                            ],
                            Resource: '*',
                          },
                        ],
                      }),
                    ),
                  },
                ],
              },
            ],
            IsTruncated: true,
            Marker: 'page-2',
          }
        : { RoleDetailList: [role('batch-role', VPC_ACCESS_POLICY.Arn)], Policies: [], IsTruncated: false };
    });
  iam.on(GetPolicyCommand).resolves({
    Policy: { PolicyName: VPC_ACCESS_POLICY.PolicyName, Arn: VPC_ACCESS_POLICY.Arn, DefaultVersionId: 'v3' },
  });
  iam.on(GetPolicyVersionCommand).resolves({
    PolicyVersion: {
      VersionId: 'v3',
      IsDefaultVersion: true,
      Document: encodeURIComponent(JSON.stringify(VPC_ACCESS_POLICY.Document)),
    },
  });
  iam.on(SimulatePrincipalPolicyCommand).callsFake(async (input: SimulatePrincipalPolicyCommandInput) => ({
    EvaluationResults: (input.ActionNames ?? []).map((action) => ({
      EvalActionName: action,
      EvalResourceName: '*',
      EvalDecision:
        input.PolicySourceArn?.endsWith('/api-role') && action === 'ec2:CreateNetworkInterface'
          ? 'implicitDeny'
          : 'allowed',
    })),
    IsTruncated: false,
  }));
  cloudwatch.on(GetMetricDataCommand).callsFake(async (input: GetMetricDataCommandInput) => ({
    MetricDataResults: (input.MetricDataQueries ?? []).map((query) => ({
      Id: query.Id,
      Timestamps: [new Date('2026-11-23T00:00:00.000Z')],
      Values: [3],
      StatusCode: 'Complete',
    })),
  }));
  quotas.on(GetServiceQuotaCommand).resolves({ Quota: { Value: 5000 } });
}

beforeEach(() => {
  listDelayMs = {};
  authorizationCalls = [];
  aws = mockOrganization();
  for (const mock of [lambda, iam, cloudwatch, quotas]) mock.reset();
  mockAccounts();
});

afterEach(() => aws.restore());

const ROLE_RULES = ['function-role-exists', 'function-role-eni-permissions'];

/** The role findings of a report, without what differs from one run or Region to the next. */
function roleFindings(report: Report) {
  return report.findings
    .filter((finding: Finding) => ROLE_RULES.includes(finding.ruleId))
    .map((finding) => ({
      ruleId: finding.ruleId,
      status: finding.status,
      functionName: finding.functionName,
      message: finding.message,
      evidence: finding.evidence,
    }))
    .sort((a, b) => `${a.ruleId} ${a.functionName}`.localeCompare(`${b.ruleId} ${b.functionName}`));
}

async function singleRegion(region: string): Promise<Report> {
  const t = io();
  const code = await runCli(['--region', region, '--format', 'json'], t.io, defaultAuditDeps);
  expect(t.stderr()).toBe('');
  expect(code).toBe(EXIT.ok);
  return JSON.parse(t.stdout()) as Report;
}

async function fanOut(regions: readonly string[], extra: readonly string[] = []) {
  const dir = await mkdtemp(join(tmpdir(), 'lva-shared-iam-'));
  const t = io();
  const code = await runCli(
    ['--regions', regions.join(','), ...extra, '--format', 'json', '--output-dir', dir],
    t.io,
    defaultAuditDeps,
  );
  const rollup = JSON.parse(t.stdout()) as Rollup;
  const report = async (account: string, region: string) =>
    JSON.parse(await readFile(join(dir, account, `${region}.json`), 'utf8')) as Report;
  return { code, rollup, report, stderr: t.stderr() };
}

describe('audit --regions: IAM read once per account', () => {
  it('two Regions: each authorization page and managed policy once, each role simulated at most once, the same role findings', async () => {
    // One Region at a time, as each target of a fan-out used to: IAM twice over.
    const alone = { eu: await singleRegion('eu-west-1'), us: await singleRegion('us-east-1') };
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(4);
    expect(iam.commandCalls(GetPolicyCommand)).toHaveLength(2);
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(4);
    iam.resetHistory();
    authorizationCalls = [];

    const run = await fanOut(['eu-west-1', 'us-east-1']);

    expect(run.rollup.totals).toMatchObject({ targets: 2, audited: 2, failed: 0 });
    expect(authorizationCalls).toEqual([`${MANAGEMENT} first`, `${MANAGEMENT} page-2`]);
    expect(iam.commandCalls(ListRolesCommand)).toHaveLength(0);
    expect(iam.commandCalls(GetPolicyCommand)).toHaveLength(1);
    expect(iam.commandCalls(GetPolicyVersionCommand)).toHaveLength(1);
    // One simulated role per managed-policy set and Region (for service control policies): api-role (its own
    // policy) and worker-role in eu-west-1; batch-role in us-east-1, api-role's answer shared.
    expect((await simulations()).sort()).toEqual(
      ['api-role', 'batch-role', 'worker-role'].map(
        (r) => `${MANAGEMENT} arn:aws:iam::${MANAGEMENT}:role/${r}`,
      ),
    );

    const eu = await run.report(MANAGEMENT, 'eu-west-1');
    const us = await run.report(MANAGEMENT, 'us-east-1');
    expect(roleFindings(eu)).toEqual(roleFindings(alone.eu));
    expect(roleFindings(us)).toEqual(roleFindings(alone.us));
    // What a reader sees: api's role cannot create ENIs in both Regions; legacy's role is gone.
    expect(roleFindings(eu).map((f) => [f.ruleId, f.functionName, f.status])).toEqual([
      ['function-role-eni-permissions', 'api', 'fail'],
      ['function-role-exists', 'legacy', 'fail'],
    ]);
    expect(roleFindings(us).map((f) => [f.ruleId, f.functionName, f.status])).toEqual([
      ['function-role-eni-permissions', 'api', 'fail'],
    ]);
    expect(eu.coverage).toEqual([]);
    expect(us.coverage).toEqual([]);
  });

  it('three Regions: still two authorization pages and three simulations (six and six without sharing)', async () => {
    const run = await fanOut(['eu-west-1', 'us-east-1', 'eu-south-2']);

    expect(run.rollup.totals).toMatchObject({ targets: 3, audited: 3 });
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(3);
    const south = await run.report(MANAGEMENT, 'eu-south-2');
    expect(roleFindings(south).map((f) => [f.ruleId, f.functionName, f.status])).toEqual([
      ['function-role-eni-permissions', 'api', 'fail'],
    ]);
  });

  it('never shares between accounts: each account of --org reads its own IAM, once for its Regions', async () => {
    const run = await fanOut(
      ['eu-west-1', 'us-east-1'],
      ['--org', 'LambdaVpcAudit', '--accounts', `${MEMBER},${OTHER_MEMBER}`],
    );

    expect(run.rollup.totals).toMatchObject({ targets: 4, accounts: 2, audited: 4 });
    expect(authorizationCalls.sort()).toEqual([
      `${MEMBER} first`,
      `${MEMBER} page-2`,
      `${OTHER_MEMBER} first`,
      `${OTHER_MEMBER} page-2`,
    ]);
    // Each account's own roles, from its own credentials.
    expect((await simulations()).sort()).toEqual(
      [MEMBER, OTHER_MEMBER].flatMap((account) =>
        ['api-role', 'batch-role', 'worker-role'].map((r) => `${account} arn:aws:iam::${account}:role/${r}`),
      ),
    );
    for (const account of [MEMBER, OTHER_MEMBER]) {
      const eu = await run.report(account, 'eu-west-1');
      expect(eu.accountId).toBe(account);
      expect(roleFindings(eu).map((f) => [f.ruleId, f.functionName])).toEqual([
        ['function-role-eni-permissions', 'api'],
        ['function-role-exists', 'legacy'],
      ]);
    }
  });

  it('a failed IAM call is not kept: a Region asking later gets its own answer, not the failure', async () => {
    // The first simulation of worker-role fails (aws-sdk-client-mock skips the SDK's retries); later ones answer.
    let failedOnce = false;
    iam.on(SimulatePrincipalPolicyCommand).callsFake(async (input: SimulatePrincipalPolicyCommandInput) => {
      if (input.PolicySourceArn?.endsWith('/worker-role') && !failedOnce) {
        failedOnce = true;
        throw iamError({ name: 'ServiceFailure', status: 500, message: 'IAM had a bad moment' });
      }
      return {
        EvaluationResults: (input.ActionNames ?? []).map((action) => ({
          EvalActionName: action,
          EvalDecision: 'allowed',
        })),
        IsTruncated: false,
      };
    });
    // eu-south-2's functions come later, so its worker-role simulation starts after eu-west-1's has failed.
    listDelayMs['eu-south-2'] = 300;

    const run = await fanOut(['eu-west-1', 'eu-south-2']);

    const worker = `arn:aws:iam::${MANAGEMENT}:role/worker-role`;
    expect((await simulations()).filter((call) => call.endsWith(worker))).toHaveLength(2);
    const eu = await run.report(MANAGEMENT, 'eu-west-1');
    const south = await run.report(MANAGEMENT, 'eu-south-2');
    expect(eu.coverage).toEqual([
      expect.objectContaining({
        part: 'rolePermissions',
        api: 'iam:SimulatePrincipalPolicy',
        resource: worker,
        errorCode: 'ServiceFailure',
      }),
    ]);
    expect(south.coverage).toEqual([]);
    const workerResults = (report: Report) =>
      report.findings
        .filter((f) => f.ruleId === 'function-role-eni-permissions' && f.functionName === 'worker')
        .map((f) => f.status);
    // Unknown where it failed (never a pass), judged where it was answered (allowed: no finding).
    expect(workerResults(eu)).toEqual(['unknown']);
    expect(workerResults(south)).toEqual([]);
  });
});
