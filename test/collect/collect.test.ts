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
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  IAMClient,
  ListRolesCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  LambdaClient,
  ListCapacityProvidersCommand,
  ListFunctionsCommand,
  ListFunctionVersionsByCapacityProviderCommand,
} from '@aws-sdk/client-lambda';
import { GetServiceQuotaCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AWS_LAMBDA_MANAGED_EC2_RESOURCE_OPERATOR } from '../../examples/demo/aws-managed-policies.js';
import { createClients } from '../../lib/aws/clients.js';
import { type CollectProgress, collectSnapshot, READ_ACTIONS } from '../../lib/collect/collect.js';
import { EC2_READ_ACTIONS } from '../../lib/collect/ec2.js';
import { LAMBDA_READ_ACTIONS } from '../../lib/collect/lambda.js';
import { CollectionError } from '../../lib/errors.js';
import { SnapshotSchema } from '../../lib/model/snapshot.js';
import { TOOL } from '../../lib/version.js';
import { VPC_ACCESS_POLICY } from '../fixtures/snapshot-builder.js';
import { EC2_UNAUTHORIZED, ec2Error, LAMBDA_ACCESS_DENIED, lambdaError } from './helpers.js';
import { mockIam } from './iam-mocks.js';

const sts = mockClient(STSClient);
const lambda = mockClient(LambdaClient);
const ec2 = mockClient(EC2Client);
const iam = mockClient(IAMClient);
const cloudwatch = mockClient(CloudWatchClient);
const quotas = mockClient(ServiceQuotasClient);

const NOW = new Date('2025-07-01T12:00:00.000Z');
const OPTIONS = { region: 'eu-west-1', now: NOW, getFunctionLimits: { concurrency: 4, perSecond: 1000 } };

function fn(
  name: string,
  version: string,
  subnets: string[],
  groups: string[],
  vpcId = 'vpc-from-config',
): FunctionConfiguration {
  return {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${name}`,
    Version: version,
    Runtime: 'python3.13',
    Role: `arn:aws:iam::123456789012:role/${name}`,
    MemorySize: 256,
    LastModified: '2025-06-01T10:00:00.000+0000',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    VpcConfig: { SubnetIds: subnets, SecurityGroupIds: groups, VpcId: subnets.length > 0 ? vpcId : '' },
  };
}

/** A small account: one VPC function (two records), one plain function, one VPC with a NAT. */
function mockAccount(): void {
  sts.on(GetCallerIdentityCommand).resolves({
    UserId: 'AROAEXAMPLE:session',
    Account: '123456789012',
    Arn: 'arn:aws:sts::123456789012:assumed-role/auditor/session',
  });
  lambda
    .on(ListFunctionsCommand)
    .resolvesOnce({
      Functions: [fn('api', '$LATEST', ['subnet-a'], ['sg-1']), fn('plain', '$LATEST', [], [])],
      NextMarker: 'm2',
    })
    .resolvesOnce({ Functions: [fn('api', '2', ['subnet-a'], ['sg-1'])] })
    .on(GetFunctionCommand)
    .resolves({
      Configuration: { FunctionName: 'api', State: 'Active', LastUpdateStatus: 'Successful' },
      Tags: {},
    })
    .on(GetAccountSettingsCommand)
    .resolves({ AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 } })
    .on(ListCapacityProvidersCommand)
    .resolves({ CapacityProviders: [] });
  ec2
    .on(DescribeVpcsCommand)
    .resolves({
      Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', InstanceTenancy: 'default', IsDefault: false }],
    })
    .on(DescribeSubnetsCommand)
    .resolves({
      Subnets: [
        {
          SubnetId: 'subnet-a',
          VpcId: 'vpc-1',
          AvailabilityZone: 'eu-west-1a',
          AvailableIpAddressCount: 200,
        },
        {
          SubnetId: 'subnet-nat',
          VpcId: 'vpc-1',
          AvailabilityZone: 'eu-west-1a',
          AvailableIpAddressCount: 250,
        },
      ],
    })
    .on(DescribeRouteTablesCommand)
    .resolves({
      RouteTables: [
        {
          RouteTableId: 'rtb-1',
          VpcId: 'vpc-1',
          Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-1', RouteTableId: 'rtb-1' }],
          Routes: [
            {
              DestinationCidrBlock: '0.0.0.0/0',
              NatGatewayId: 'nat-1',
              State: 'active',
              Origin: 'CreateRoute',
            },
          ],
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
    .resolves({
      NetworkInterfaces: [
        {
          NetworkInterfaceId: 'eni-1',
          InterfaceType: 'lambda',
          Description: 'AWS Lambda VPC ENI-api-uuid',
          Groups: [],
        },
        { NetworkInterfaceId: 'eni-2', InterfaceType: 'natGateway', Groups: [] },
      ],
    })
    .on(DescribeSecurityGroupsCommand)
    .resolves({
      SecurityGroups: [{ GroupId: 'sg-1', GroupName: 'api', VpcId: 'vpc-1', IpPermissionsEgress: [] }],
    })
    .on(DescribeVpcAttributeCommand, { Attribute: 'enableDnsSupport' })
    .resolves({ VpcId: 'vpc-1', EnableDnsSupport: { Value: true } })
    .on(DescribeVpcAttributeCommand, { Attribute: 'enableDnsHostnames' })
    .resolves({ VpcId: 'vpc-1', EnableDnsHostnames: { Value: true } })
    .on(DescribeTransitGatewayVpcAttachmentsCommand)
    .resolves({ TransitGatewayVpcAttachments: [] })
    .on(DescribeNetworkAclsCommand)
    .resolves({
      NetworkAcls: [
        {
          NetworkAclId: 'acl-1',
          VpcId: 'vpc-1',
          IsDefault: true,
          Associations: [],
          Entries: [
            { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
            { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
          ],
        },
      ],
    });
  mockIam(iam, [{ name: 'api' }]);
  // Every series one datapoint: the account's and api's peaks of 7 on the capture day.
  cloudwatch.on(GetMetricDataCommand).callsFake(async (input: GetMetricDataCommandInput) => ({
    MetricDataResults: (input.MetricDataQueries ?? []).map((query) => ({
      Id: query.Id,
      Label: 'ConcurrentExecutions',
      Timestamps: [new Date('2025-07-01T00:00:00.000Z')],
      Values: [7],
      StatusCode: 'Complete',
    })),
  }));
  quotas
    .on(GetServiceQuotaCommand, { QuotaCode: 'L-9FEE3D26' })
    .resolves({ Quota: { ServiceCode: 'lambda', QuotaCode: 'L-9FEE3D26', Value: 500 } })
    .on(GetServiceQuotaCommand, { QuotaCode: 'L-DF5E4CA3' })
    .resolves({ Quota: { ServiceCode: 'vpc', QuotaCode: 'L-DF5E4CA3', Value: 5000 } });
}

beforeEach(() => {
  for (const mock of [sts, lambda, ec2, iam, cloudwatch, quotas]) mock.reset();
});

describe('collectSnapshot', () => {
  it('collects every part into a valid snapshot with no gaps', async () => {
    mockAccount();
    const progress: CollectProgress[] = [];

    const snapshot = await collectSnapshot(createClients({ region: 'eu-west-1' }), {
      ...OPTIONS,
      onProgress: (event) => progress.push(event),
    });

    expect(SnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.meta).toEqual({
      accountId: '123456789012',
      region: 'eu-west-1',
      capturedAt: '2025-07-01T12:00:00.000Z',
      tool: { name: TOOL.name, version: TOOL.version },
    });
    expect(snapshot.coverage).toEqual([]);
    expect(snapshot.functions).toHaveLength(3);
    expect(Object.keys(snapshot.functionDetails ?? {})).toEqual(['api']);
    expect(lambda.commandCalls(GetFunctionCommand).map((c) => c.args[0].input.FunctionName)).toEqual(['api']);
    expect(snapshot.securityGroups?.map((g) => g.GroupId)).toEqual(['sg-1']);
    // The VPC comes from the subnet (vpc-1), not from the function's VpcConfig.VpcId.
    expect(snapshot.vpcAttributes).toEqual({ 'vpc-1': { EnableDnsSupport: true, EnableDnsHostnames: true } });
    expect(
      ec2.commandCalls(DescribeVpcAttributeCommand).every((c) => c.args[0].input.VpcId === 'vpc-1'),
    ).toBe(true);
    expect(snapshot.networkInterfaces?.map((n) => n.NetworkInterfaceId)).toEqual(['eni-1']);
    expect(snapshot.networkInterfaceCounts).toEqual({
      total: 2,
      byInterfaceType: { lambda: 1, natGateway: 1 },
    });
    expect(snapshot.vpcEndpoints).toEqual([]);
    // The egress parts: the VPC in use's ACLs and attachments; no route names an instance, ENI or peering.
    expect(snapshot.networkAcls?.map((acl) => acl.NetworkAclId)).toEqual(['acl-1']);
    expect(ec2.commandCalls(DescribeNetworkAclsCommand).map((c) => c.args[0].input.Filters)).toEqual([
      [{ Name: 'vpc-id', Values: ['vpc-1'] }],
    ]);
    expect(snapshot.transitGatewayAttachments).toEqual([]);
    expect(snapshot.routeTargetInstances).toEqual([]);
    expect(snapshot.routeTargetInterfaces).toEqual([]);
    expect(snapshot.vpcPeeringConnections).toEqual([]);
    expect(snapshot.roles).toEqual([
      { RoleName: 'api', Arn: 'arn:aws:iam::123456789012:role/api', RoleId: 'AROAAPI' },
    ]);
    // The roles come with their policies: no ListRoles; the AWS managed policy is read once.
    expect(iam.commandCalls(ListRolesCommand)).toHaveLength(0);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)[0]?.args[0].input).toEqual({
      Filter: ['Role', 'LocalManagedPolicy'],
      MaxItems: 1000,
    });
    expect(iam.commandCalls(GetPolicyCommand).map((c) => c.args[0].input.PolicyArn)).toEqual([
      VPC_ACCESS_POLICY.Arn,
    ]);
    expect(Object.keys(snapshot.rolePolicies?.roles ?? {})).toEqual(['arn:aws:iam::123456789012:role/api']);
    expect(snapshot.rolePolicies?.managedPolicies).toEqual({ [VPC_ACCESS_POLICY.Arn]: VPC_ACCESS_POLICY });
    // One simulation for the one VPC function's role (its managed-policy set's sample, for SCPs).
    expect(
      iam.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input.PolicySourceArn),
    ).toEqual(['arn:aws:iam::123456789012:role/api']);
    expect(snapshot.rolePermissions).toEqual({
      'arn:aws:iam::123456789012:role/api': {
        'ec2:CreateNetworkInterface': 'allowed',
        'ec2:DescribeNetworkInterfaces': 'allowed',
        'ec2:DeleteNetworkInterface': 'allowed',
        'ec2:AssignPrivateIpAddresses': 'allowed',
        'ec2:UnassignPrivateIpAddresses': 'allowed',
      },
    });
    // Only the VPC function's series, beside the account's; from the last 14 UTC days to the capture.
    expect(
      cloudwatch
        .commandCalls(GetMetricDataCommand)
        .flatMap((c) => c.args[0].input.MetricDataQueries ?? [])
        .map((q) => q.MetricStat?.Metric?.Dimensions?.[0]?.Value ?? 'account'),
    ).toEqual(['account', 'api']);
    expect(snapshot.metrics).toEqual({
      lookbackDays: 14,
      periodSeconds: 86400,
      startTime: '2025-06-18T00:00:00.000Z',
      endTime: '2025-07-01T12:00:00.000Z',
      account: { peak: 7, daily: [{ date: '2025-07-01', max: 7 }] },
      functions: { api: { peak: 7, daily: [{ date: '2025-07-01', max: 7 }] } },
    });
    expect(snapshot.quotas).toEqual({ lambdaEnisPerVpc: 500, networkInterfacesPerRegion: 5000 });
    expect(progress).toContainEqual({ api: 'lambda:ListFunctions', pages: 2, items: 3 });
    expect(progress).toContainEqual({ api: 'ec2:DescribeSubnets', pages: 1, items: 2 });
  });

  it('records the endpoint the door read from AWS_ENDPOINT_URL', async () => {
    mockAccount();
    const snapshot = await collectSnapshot(createClients({ region: 'eu-west-1' }), {
      ...OPTIONS,
      endpoint: 'http://localhost:4566',
    });
    expect(snapshot.meta.endpoint).toBe('http://localhost:4566');
  });

  it('makes a denied DescribeRouteTables null with a gap and collects everything else', async () => {
    mockAccount();
    ec2.on(DescribeRouteTablesCommand).rejects(EC2_UNAUTHORIZED('ec2:DescribeRouteTables'));

    const snapshot = await collectSnapshot(createClients({ region: 'eu-west-1' }), OPTIONS);

    expect(snapshot.routeTables).toBeNull();
    expect(snapshot.coverage).toContainEqual({
      part: 'routeTables',
      api: 'ec2:DescribeRouteTables',
      errorCode: 'UnauthorizedOperation',
      message: expect.stringContaining('not authorized to perform: ec2:DescribeRouteTables'),
    });
    // What the routes name cannot be read without them; each says so.
    expect(snapshot.coverage.map((g) => `${g.part}:${g.errorCode}`)).toEqual([
      'routeTables:UnauthorizedOperation',
      'routeTargetInstances:DependencyNotCollected',
      'routeTargetInterfaces:DependencyNotCollected',
      'vpcPeeringConnections:DependencyNotCollected',
    ]);
    const nullParts = Object.entries(snapshot)
      .filter(([, value]) => value === null)
      .map(([key]) => key);
    expect(nullParts).toEqual([
      'routeTables',
      'routeTargetInstances',
      'routeTargetInterfaces',
      'vpcPeeringConnections',
    ]);
  });

  it('turns unimplemented operations of an emulator into gaps', async () => {
    mockAccount();
    ec2.on(DescribeVpcEndpointsCommand).rejects(
      ec2Error({
        name: 'InvalidAction',
        status: 400,
        message: 'The action DescribeVpcEndpoints is not valid',
      }),
    );
    lambda.on(GetAccountSettingsCommand).rejects(
      lambdaError({
        name: 'NotImplemented',
        status: 501,
        message: 'GetAccountSettings is not implemented',
      }),
    );

    const snapshot = await collectSnapshot(createClients({ region: 'eu-west-1' }), OPTIONS);

    expect(snapshot.vpcEndpoints).toBeNull();
    expect(snapshot.accountSettings).toBeNull();
    expect(snapshot.coverage.map((g) => `${g.part}:${g.api}:${g.errorCode}`)).toEqual([
      'accountSettings:lambda:GetAccountSettings:NotImplemented',
      'vpcEndpoints:ec2:DescribeVpcEndpoints:InvalidAction',
    ]);
  });

  it('leaves the parts that need the function list null, each with a gap, when ListFunctions fails', async () => {
    mockAccount();
    lambda.on(ListFunctionsCommand).rejects(LAMBDA_ACCESS_DENIED('lambda:ListFunctions'));

    const snapshot = await collectSnapshot(createClients({ region: 'eu-west-1' }), OPTIONS);

    expect(snapshot.functions).toBeNull();
    expect(snapshot.functionDetails).toBeNull();
    expect(snapshot.securityGroups).toBeNull();
    expect(snapshot.vpcAttributes).toBeNull();
    expect(snapshot.rolePermissions).toBeNull();
    expect(snapshot.rolePolicies).toBeNull();
    expect(snapshot.subnets).toHaveLength(2);
    expect(snapshot.coverage.map((g) => `${g.part}:${g.errorCode}`)).toEqual([
      'functionDetails:DependencyNotCollected',
      'functions:AccessDeniedException',
      'metrics:DependencyNotCollected',
      'networkAcls:DependencyNotCollected',
      'rolePermissions:DependencyNotCollected',
      'rolePolicies:DependencyNotCollected',
      'routeTargetInstances:DependencyNotCollected',
      'routeTargetInterfaces:DependencyNotCollected',
      'securityGroups:DependencyNotCollected',
      'transitGatewayAttachments:DependencyNotCollected',
      'vpcAttributes:DependencyNotCollected',
      'vpcPeeringConnections:DependencyNotCollected',
    ]);
    expect(lambda.commandCalls(GetFunctionCommand)).toHaveLength(0);
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)).toHaveLength(0);
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(0);
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(0);
    // Quotas do not depend on the function list.
    expect(snapshot.quotas).toEqual({ lambdaEnisPerVpc: 500, networkInterfacesPerRegion: 5000 });
  });

  it('collects capacity providers and the versions on them, and checks their operator roles on their resources', async () => {
    mockAccount();
    const providerArn = 'arn:aws:lambda:eu-west-1:123456789012:capacity-provider:batch-pool';
    const operator = 'arn:aws:iam::123456789012:role/batch-pool-operator';
    lambda
      .on(ListFunctionsCommand)
      .resolves({
        Functions: [
          {
            ...fn('worker', '1', [], []),
            FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:worker:1',
            CapacityProviderConfig: {
              LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: providerArn },
            },
          },
        ],
      })
      .on(ListCapacityProvidersCommand)
      .resolves({
        CapacityProviders: [
          {
            CapacityProviderArn: providerArn,
            State: 'Active',
            VpcConfig: { SubnetIds: ['subnet-a'], SecurityGroupIds: ['sg-cp'] },
            PermissionsConfig: { CapacityProviderOperatorRoleArn: operator },
            InstanceRequirements: { Architectures: ['arm64'], AllowedInstanceTypes: ['m7g.large'] },
            CapacityProviderScalingConfig: { MaxVCpuCount: 64, ScalingMode: 'Auto' },
          },
        ],
      })
      .on(ListFunctionVersionsByCapacityProviderCommand)
      .resolves({
        CapacityProviderArn: providerArn,
        FunctionVersions: [
          { FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:worker:1', State: 'Failed' },
        ],
      })
      .on(GetFunctionCommand, { FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:worker:1' })
      .resolves({
        Configuration: {
          FunctionName: 'worker',
          State: 'Failed',
          StateReasonCode: 'SubnetOutOfIPAddresses',
          StateReason: 'The subnets have no free address.',
        },
      });
    // The operator role's managed policy has Conditions only the request shows: it is simulated.
    mockIam(
      iam,
      [
        { name: 'api' },
        { name: 'batch-pool-operator', attached: [AWS_LAMBDA_MANAGED_EC2_RESOURCE_OPERATOR.Arn] },
      ],
      { managed: [VPC_ACCESS_POLICY, AWS_LAMBDA_MANAGED_EC2_RESOURCE_OPERATOR] },
    );

    const snapshot = await collectSnapshot(createClients({ region: 'eu-west-1' }), OPTIONS);

    expect(snapshot.coverage).toEqual([]);
    expect(snapshot.capacityProviders?.map((p) => p.VpcConfig)).toEqual([
      { SubnetIds: ['subnet-a'], SecurityGroupIds: ['sg-cp'] },
    ]);
    expect(snapshot.capacityProviderVersions).toEqual({
      [providerArn]: [
        {
          FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:worker:1',
          State: 'Failed',
          StateReasonCode: 'SubnetOutOfIPAddresses',
          StateReason: 'The subnets have no free address.',
        },
      ],
    });
    // The function on the provider is asked about (GetFunction by name) though it has no VpcConfig of its own.
    expect(Object.keys(snapshot.functionDetails ?? {})).toEqual(['worker']);
    // The provider's security group is described with the functions' ones.
    expect(
      ec2
        .commandCalls(DescribeSecurityGroupsCommand)
        .flatMap((c) => c.args[0].input.Filters?.[0]?.Values ?? []),
    ).toEqual(['sg-cp']);
    // The operator role is simulated on the provider's subnet and security group, with Lambda's request context.
    const simulated = iam.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input);
    expect(simulated.every((input) => input.PolicySourceArn === operator)).toBe(true);
    expect(
      simulated.find((input) => input.ActionNames?.includes('ec2:CreateNetworkInterface'))?.ResourceArns,
    ).toEqual([
      'arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-a',
      'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-cp',
    ]);
    expect(
      simulated.find((input) => input.ActionNames?.includes('ec2:RunInstances'))?.ContextEntries,
    ).toEqual([
      {
        ContextKeyName: 'ec2:ManagedResourceOperator',
        ContextKeyValues: ['scaler.lambda.amazonaws.com'],
        ContextKeyType: 'string',
      },
      { ContextKeyName: 'ec2:Owner', ContextKeyValues: ['amazon'], ContextKeyType: 'string' },
    ]);
    expect(snapshot.rolePermissions).toEqual({
      [operator]: {
        'ec2:RunInstances': 'allowed',
        'ec2:CreateNetworkInterface': 'allowed',
        'ec2:AttachNetworkInterface': 'allowed',
        'ec2:CreateTags': 'allowed',
      },
    });
  });

  it('an endpoint without the capacity-provider API leaves a gap for capacity providers only', async () => {
    mockAccount();
    lambda.on(ListCapacityProvidersCommand).rejects(
      lambdaError({
        name: 'InternalFailure',
        status: 501,
        message: "API action 'ListCapacityProviders' not yet implemented",
      }),
    );

    const snapshot = await collectSnapshot(createClients({ region: 'eu-west-1' }), OPTIONS);

    expect(snapshot.coverage.map((g) => `${g.part}:${g.api}:${g.errorCode}`)).toEqual([
      'capacityProviderVersions:lambda:ListFunctionVersionsByCapacityProvider:DependencyNotCollected',
      'capacityProviders:lambda:ListCapacityProviders:InternalFailure',
    ]);
    const nullParts = Object.entries(snapshot)
      .filter(([, value]) => value === null)
      .map(([key]) => key);
    expect(nullParts).toEqual(['capacityProviders', 'capacityProviderVersions']);
    expect(snapshot.securityGroups?.map((g) => g.GroupId)).toEqual(['sg-1']);
    expect(Object.keys(snapshot.rolePermissions ?? {})).toEqual(['arn:aws:iam::123456789012:role/api']);
  });

  it('reads the metrics window the caller asks for', async () => {
    mockAccount();

    const snapshot = await collectSnapshot(createClients({ region: 'eu-west-1' }), {
      ...OPTIONS,
      lookbackDays: 30,
    });

    expect(snapshot.metrics).toMatchObject({ lookbackDays: 30, startTime: '2025-06-02T00:00:00.000Z' });
  });

  it('leaves the metrics null with one gap when GetMetricData is denied, and collects the rest', async () => {
    mockAccount();
    cloudwatch.on(GetMetricDataCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: cloudwatch:GetMetricData'), {
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
      }),
    );

    const snapshot = await collectSnapshot(createClients({ region: 'eu-west-1' }), OPTIONS);

    expect(snapshot.metrics).toBeNull();
    expect(snapshot.coverage.map((g) => `${g.part}:${g.api}:${g.errorCode}`)).toEqual([
      'metrics:cloudwatch:GetMetricData:AccessDenied',
    ]);
    expect(snapshot.functions).toHaveLength(3);
  });

  it('reads EC2 and IAM while the function list is still paging', async () => {
    mockAccount();
    let functionsListed = false;
    lambda.on(ListFunctionsCommand).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      functionsListed = true;
      return { Functions: [] };
    });
    const startedBeforeFunctions: string[] = [];
    ec2.on(DescribeSubnetsCommand).callsFake(async () => {
      if (!functionsListed) startedBeforeFunctions.push('subnets');
      return { Subnets: [] };
    });
    iam.on(GetAccountAuthorizationDetailsCommand).callsFake(async () => {
      if (!functionsListed) startedBeforeFunctions.push('roles');
      return { RoleDetailList: [], Policies: [], IsTruncated: false };
    });

    const snapshot = await collectSnapshot(createClients({ region: 'eu-west-1' }), OPTIONS);

    expect(startedBeforeFunctions.sort()).toEqual(['roles', 'subnets']);
    expect(snapshot.functions).toEqual([]);
    expect(snapshot.functionDetails).toEqual({});
    expect(snapshot.securityGroups).toEqual([]);
    expect(snapshot.vpcAttributes).toEqual({});
  });

  it('stops with a CollectionError a user understands when there are no credentials', async () => {
    sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );

    const collecting = collectSnapshot(createClients({ region: 'eu-west-1' }), OPTIONS);

    await expect(collecting).rejects.toThrow(CollectionError);
    await expect(collecting).rejects.toThrow(/^No AWS credentials found: set AWS_PROFILE, use --profile/);
    expect(lambda.commandCalls(ListFunctionsCommand)).toHaveLength(0);
  });
});

describe('READ_ACTIONS', () => {
  it('lists every action of every collector once, sorted', () => {
    expect(READ_ACTIONS).toEqual([...new Set(READ_ACTIONS)].sort());
    for (const action of [
      ...LAMBDA_READ_ACTIONS,
      ...EC2_READ_ACTIONS,
      'iam:ListRoles',
      'sts:GetCallerIdentity',
      'cloudwatch:GetMetricData',
      'servicequotas:GetServiceQuota',
    ]) {
      expect(READ_ACTIONS).toContain(action);
    }
    // Read-only: SimulatePrincipalPolicy evaluates policies and changes nothing.
    expect(
      READ_ACTIONS.every((action) => /^[a-z0-9]+:(Describe|List|Get|Simulate)[A-Za-z]+$/.test(action)),
    ).toBe(true);
  });
});
