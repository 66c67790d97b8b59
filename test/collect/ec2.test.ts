import {
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type NetworkInterface,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  collectInternetGateways,
  collectNatGateways,
  collectRouteTables,
  collectSecurityGroups,
  collectSubnets,
  collectVpcAttributes,
  collectVpcEndpoints,
  collectVpcs,
  securityGroupIdsOfFunctions,
  vpcIdsOfFunctions,
} from '../../lib/collect/ec2.js';
import {
  EC2_FILTER_VALUES_PER_REQUEST,
  EC2_MAX_PAGE_SIZE,
  ROUTE_TABLES_MAX_PAGE_SIZE,
} from '../../lib/collect/ec2-paging.js';
import { isLambdaNetworkInterface } from '../../lib/collect/ec2-records.js';
import { collectNetworkInterfaces } from '../../lib/collect/network-interface-scan.js';
import type { FunctionRecord, Subnet } from '../../lib/model/snapshot.js';
import { EC2_UNAUTHORIZED, ec2Error, testContext } from './helpers.js';

const ec2Mock = mockClient(EC2Client);
const ec2 = new EC2Client({ region: 'eu-west-1' });

beforeEach(() => {
  ec2Mock.reset();
});

function eni(id: string, fields: Partial<NetworkInterface>): NetworkInterface {
  return {
    NetworkInterfaceId: id,
    SubnetId: 'subnet-a',
    VpcId: 'vpc-1',
    AvailabilityZone: 'eu-west-1a',
    PrivateIpAddress: '10.0.1.10',
    OwnerId: '123456789012',
    Status: 'in-use',
    MacAddress: '02:00:00:00:00:01',
    SourceDestCheck: true,
    Groups: [{ GroupId: 'sg-1', GroupName: 'app' }],
    PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.0.1.10' }],
    TagSet: [],
    ...fields,
  };
}

const hyperplaneEni = eni('eni-hyperplane', {
  InterfaceType: 'lambda',
  Description: 'AWS Lambda VPC ENI-api-0f3c2b1a-1111-2222-3333-444455556666',
  RequesterId: 'AROAEXAMPLE:api',
  RequesterManaged: true,
  Attachment: {
    AttachmentId: 'ela-attach-0123456789abcdef0',
    InstanceOwnerId: 'amazon-aws',
    Status: 'attached',
    AttachTime: new Date('2025-05-01T08:30:00.000Z'),
    DeleteOnTermination: false,
    DeviceIndex: 1,
  },
});
// An AWS-compatible endpoint that does not set InterfaceType.
const untypedLambdaEni = eni('eni-untyped', {
  Description: 'AWS Lambda VPC ENI-worker-aaaa-bbbb',
  Status: 'available',
});
// Pre-2019 (pre-Hyperplane) description form.
const legacyLambdaEni = eni('eni-legacy', {
  InterfaceType: 'interface',
  Description: 'AWS Lambda VPC ENI: 7e8f9a0b-1c2d-3e4f-5a6b-7c8d9e0f1a2b',
  RequesterManaged: true,
});
const instanceEni = eni('eni-instance', {
  InterfaceType: 'interface',
  Description: 'Primary network interface',
});
const natEni = eni('eni-nat', {
  InterfaceType: 'natGateway',
  Description: 'Interface for NAT Gateway nat-1',
});
const endpointEni = eni('eni-endpoint', {
  InterfaceType: 'vpc_endpoint',
  Description: 'VPC Endpoint Interface vpce-1',
});
const untypedPlainEni = eni('eni-plain', { Description: 'something else' });

describe('collectNetworkInterfaces', () => {
  it('scans every page once, unfiltered, keeps only Lambda ENIs and counts all of them', async () => {
    ec2Mock
      .on(DescribeNetworkInterfacesCommand)
      .resolvesOnce({ NetworkInterfaces: [hyperplaneEni, instanceEni, natEni], NextToken: 't2' })
      .resolvesOnce({ NetworkInterfaces: [untypedLambdaEni, endpointEni], NextToken: 't3' })
      .resolvesOnce({ NetworkInterfaces: [legacyLambdaEni, untypedPlainEni] });
    const context = testContext();

    const scan = await collectNetworkInterfaces(ec2, context, Promise.resolve([]));

    expect(scan?.networkInterfaces.map((n) => n.NetworkInterfaceId)).toEqual([
      'eni-hyperplane',
      'eni-untyped',
      'eni-legacy',
    ]);
    expect(scan?.counts).toEqual({
      total: 7,
      byInterfaceType: { lambda: 1, interface: 4, natGateway: 1, vpc_endpoint: 1 },
    });
    const calls = ec2Mock.commandCalls(DescribeNetworkInterfacesCommand);
    expect(calls).toHaveLength(3);
    const input = calls[0]?.args[0].input;
    expect(input).toMatchObject({ MaxResults: EC2_MAX_PAGE_SIZE, IncludeManagedResources: true });
    expect(input).not.toHaveProperty('Filters');
    expect(context.progress.at(-1)).toEqual({ api: 'ec2:DescribeNetworkInterfaces', pages: 3, items: 7 });
  });

  it("sets aside the ENIs Lambda operates for managed instances and network connectors: never a function's", async () => {
    // A network connector's ENI may look like a function's (type lambda, a Lambda description): its tags say whose.
    const connectorEni = eni('eni-connector', {
      InterfaceType: 'lambda',
      Description: 'AWS Lambda VPC ENI-connector-0f3c2b1a-1111-2222-3333-444455556666',
      TagSet: [{ Key: 'aws:lambda:networkConnectorId', Value: 'nc-0a1b2c' }],
      PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.20', Primary: true }],
    });
    const managedInstanceEni = eni('eni-managed', {
      InterfaceType: 'interface',
      Operator: { Managed: true, Principal: 'scaler.lambda.amazonaws.com' },
      Attachment: { InstanceId: 'i-0abc', Status: 'attached' },
      PrivateIpAddresses: [
        { PrivateIpAddress: '10.0.1.30', Primary: true },
        { PrivateIpAddress: '10.0.1.31', Primary: false },
      ],
    });
    const otherManaged = eni('eni-other-service', {
      InterfaceType: 'interface',
      Operator: { Managed: true, Principal: 'eks.amazonaws.com' },
    });
    ec2Mock
      .on(DescribeNetworkInterfacesCommand)
      .resolves({ NetworkInterfaces: [hyperplaneEni, connectorEni, managedInstanceEni, otherManaged] });

    const scan = await collectNetworkInterfaces(ec2, testContext(), Promise.resolve(null));

    expect(scan?.networkInterfaces.map((n) => n.NetworkInterfaceId)).toEqual(['eni-hyperplane']);
    expect(scan?.lambdaOperated).toEqual([
      {
        NetworkInterfaceId: 'eni-connector',
        Kind: 'network-connector',
        InterfaceType: 'lambda',
        Status: 'in-use',
        SubnetId: 'subnet-a',
        VpcId: 'vpc-1',
        AvailabilityZone: 'eu-west-1a',
        PrivateIpAddressCount: 1,
        Groups: [{ GroupId: 'sg-1' }],
        NetworkConnector: 'nc-0a1b2c',
      },
      {
        NetworkInterfaceId: 'eni-managed',
        Kind: 'managed-instance',
        InterfaceType: 'interface',
        Status: 'in-use',
        SubnetId: 'subnet-a',
        VpcId: 'vpc-1',
        AvailabilityZone: 'eu-west-1a',
        PrivateIpAddressCount: 2,
        Groups: [{ GroupId: 'sg-1' }],
        OperatorPrincipal: 'scaler.lambda.amazonaws.com',
        InstanceId: 'i-0abc',
      },
    ]);
    // Every one of them still counts against the regional quota.
    expect(scan?.counts.total).toBe(4);
  });

  it('keeps the ENI fields of the schema, attach time as an ISO string', async () => {
    ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [hyperplaneEni] });

    const scan = await collectNetworkInterfaces(ec2, testContext(), Promise.resolve([]));

    expect(scan?.networkInterfaces[0]).toEqual({
      NetworkInterfaceId: 'eni-hyperplane',
      InterfaceType: 'lambda',
      Description: 'AWS Lambda VPC ENI-api-0f3c2b1a-1111-2222-3333-444455556666',
      Status: 'in-use',
      SubnetId: 'subnet-a',
      VpcId: 'vpc-1',
      AvailabilityZone: 'eu-west-1a',
      PrivateIpAddress: '10.0.1.10',
      OwnerId: '123456789012',
      RequesterId: 'AROAEXAMPLE:api',
      RequesterManaged: true,
      Groups: [{ GroupId: 'sg-1', GroupName: 'app' }],
      Attachment: {
        AttachmentId: 'ela-attach-0123456789abcdef0',
        InstanceOwnerId: 'amazon-aws',
        Status: 'attached',
        AttachTime: '2025-05-01T08:30:00.000Z',
      },
    });
  });

  it('stops on a repeated NextToken, and takes the list for unreadable rather than complete', async () => {
    ec2Mock
      .on(DescribeNetworkInterfacesCommand)
      .resolves({ NetworkInterfaces: [instanceEni], NextToken: 'stuck' });
    const context = testContext();
    expect(await collectNetworkInterfaces(ec2, context, Promise.resolve([]))).toBeNull();
    expect(ec2Mock.commandCalls(DescribeNetworkInterfacesCommand)).toHaveLength(2);
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({ part: 'networkInterfaces', errorCode: 'RepeatedPageTokenError' }),
    ]);
  });

  it('is null (both ENIs and counts) with a gap when the scan fails midway', async () => {
    ec2Mock
      .on(DescribeNetworkInterfacesCommand)
      .resolvesOnce({ NetworkInterfaces: [hyperplaneEni], NextToken: 't2' })
      .rejectsOnce(
        ec2Error({ name: 'RequestLimitExceeded', status: 503, message: 'Request limit exceeded.' }),
      );
    const context = testContext();
    expect(await collectNetworkInterfaces(ec2, context, Promise.resolve([]))).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({
        part: 'networkInterfaces',
        api: 'ec2:DescribeNetworkInterfaces',
        errorCode: 'RequestLimitExceeded',
      }),
    ]);
  });

  it('keeps the ENIs routes target from the same scan, with their source/destination check and public IP', async () => {
    const natInstanceEni = eni('eni-nat-instance', {
      InterfaceType: 'interface',
      SourceDestCheck: false,
      Association: { PublicIp: '203.0.113.7', IpOwnerId: 'amazon' },
      Attachment: { AttachmentId: 'eni-attach-1', InstanceId: 'i-1', Status: 'attached', DeviceIndex: 0 },
    });
    ec2Mock
      .on(DescribeNetworkInterfacesCommand)
      .resolves({ NetworkInterfaces: [hyperplaneEni, natInstanceEni] });

    const scan = await collectNetworkInterfaces(ec2, testContext(), Promise.resolve(['eni-nat-instance']));

    expect(scan?.routeTargets).toEqual([
      {
        NetworkInterfaceId: 'eni-nat-instance',
        InterfaceType: 'interface',
        Status: 'in-use',
        SubnetId: 'subnet-a',
        VpcId: 'vpc-1',
        SourceDestCheck: false,
        Association: { PublicIp: '203.0.113.7' },
        Attachment: { InstanceId: 'i-1', Status: 'attached' },
      },
    ]);
    // Counted with the others, and not a Lambda ENI.
    expect(scan?.counts.total).toBe(2);
    expect(scan?.networkInterfaces.map((n) => n.NetworkInterfaceId)).toEqual(['eni-hyperplane']);
    expect(ec2Mock.commandCalls(DescribeNetworkInterfacesCommand)).toHaveLength(1);
  });

  it('leaves the route-target ENIs unknown (null) when the routes are', async () => {
    ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [instanceEni] });
    const scan = await collectNetworkInterfaces(ec2, testContext(), Promise.resolve(null));
    expect(scan?.routeTargets).toBeNull();
    expect(scan?.counts.total).toBe(1);
  });

  it('recognises Lambda ENIs by type or by either description form', () => {
    expect(isLambdaNetworkInterface({ InterfaceType: 'lambda' })).toBe(true);
    expect(isLambdaNetworkInterface({ Description: 'AWS Lambda VPC ENI-fn-uuid' })).toBe(true);
    expect(isLambdaNetworkInterface({ Description: 'AWS Lambda VPC ENI: uuid' })).toBe(true);
    expect(isLambdaNetworkInterface({ InterfaceType: 'interface', Description: 'aws lambda' })).toBe(false);
    expect(isLambdaNetworkInterface({})).toBe(false);
  });
});

describe('region-wide describes', () => {
  it('reads all subnets over several pages at the maximum page size', async () => {
    ec2Mock
      .on(DescribeSubnetsCommand)
      .resolvesOnce({
        Subnets: [
          {
            SubnetId: 'subnet-a',
            VpcId: 'vpc-1',
            AvailabilityZone: 'eu-west-1a',
            AvailabilityZoneId: 'euw1-az1',
            CidrBlock: '10.0.1.0/24',
            AvailableIpAddressCount: 249,
            MapPublicIpOnLaunch: false,
            State: 'available',
            DefaultForAz: false,
            Ipv6CidrBlockAssociationSet: [
              {
                AssociationId: 'a1',
                Ipv6CidrBlock: '2a05:d018::/64',
                Ipv6CidrBlockState: { State: 'associated' },
              },
              {
                AssociationId: 'a2',
                Ipv6CidrBlock: '2a05:d019::/64',
                Ipv6CidrBlockState: { State: 'disassociated' },
              },
            ],
          },
        ],
        NextToken: 'next',
      })
      .resolvesOnce({
        Subnets: [
          {
            SubnetId: 'subnet-nat',
            VpcId: 'vpc-1',
            AvailabilityZone: 'eu-west-1b',
            AvailableIpAddressCount: 250,
          },
        ],
      });

    const subnets = await collectSubnets(ec2, testContext());

    expect(subnets).toEqual([
      {
        SubnetId: 'subnet-a',
        VpcId: 'vpc-1',
        AvailabilityZone: 'eu-west-1a',
        AvailabilityZoneId: 'euw1-az1',
        CidrBlock: '10.0.1.0/24',
        AvailableIpAddressCount: 249,
        MapPublicIpOnLaunch: false,
        Ipv6CidrBlocks: ['2a05:d018::/64'],
      },
      expect.objectContaining({ SubnetId: 'subnet-nat', Ipv6CidrBlocks: [] }),
    ]);
    const calls = ec2Mock.commandCalls(DescribeSubnetsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input).toEqual(expect.objectContaining({ MaxResults: EC2_MAX_PAGE_SIZE }));
    expect(calls[0]?.args[0].input).not.toHaveProperty('Filters');
  });

  it('keeps every route table association (main included) and every route, 100 per page', async () => {
    ec2Mock.on(DescribeRouteTablesCommand).resolves({
      RouteTables: [
        {
          RouteTableId: 'rtb-main',
          VpcId: 'vpc-1',
          OwnerId: '123456789012',
          Associations: [
            {
              Main: true,
              RouteTableAssociationId: 'rtbassoc-main',
              RouteTableId: 'rtb-main',
              AssociationState: { State: 'associated' },
            },
            {
              Main: false,
              RouteTableAssociationId: 'rtbassoc-a',
              RouteTableId: 'rtb-main',
              SubnetId: 'subnet-a',
              AssociationState: { State: 'associated' },
            },
          ],
          Routes: [
            {
              DestinationCidrBlock: '10.0.0.0/16',
              GatewayId: 'local',
              Origin: 'CreateRouteTable',
              State: 'active',
            },
            {
              DestinationCidrBlock: '0.0.0.0/0',
              NatGatewayId: 'nat-gone',
              Origin: 'CreateRoute',
              State: 'blackhole',
            },
            {
              DestinationPrefixListId: 'pl-6da54004',
              GatewayId: 'vpce-s3',
              Origin: 'CreateRoute',
              State: 'active',
            },
          ],
          PropagatingVgws: [],
          Tags: [],
        },
      ],
    });

    const tables = await collectRouteTables(ec2, testContext());

    expect(tables?.[0]?.Associations).toEqual([
      { RouteTableAssociationId: 'rtbassoc-main', Main: true, SubnetId: undefined, GatewayId: undefined },
      { RouteTableAssociationId: 'rtbassoc-a', Main: false, SubnetId: 'subnet-a', GatewayId: undefined },
    ]);
    expect(tables?.[0]?.Routes).toHaveLength(3);
    expect(tables?.[0]?.Routes[1]).toMatchObject({ NatGatewayId: 'nat-gone', State: 'blackhole' });
    expect(ec2Mock.commandCalls(DescribeRouteTablesCommand)[0]?.args[0].input).toMatchObject({
      MaxResults: ROUTE_TABLES_MAX_PAGE_SIZE,
    });
  });

  it('reads VPCs, internet gateways, NAT gateways and endpoints', async () => {
    ec2Mock
      .on(DescribeVpcsCommand)
      .resolves({
        Vpcs: [
          {
            VpcId: 'vpc-1',
            CidrBlock: '10.0.0.0/16',
            InstanceTenancy: 'default',
            IsDefault: false,
            OwnerId: '123456789012',
            State: 'available',
            DhcpOptionsId: 'dopt-1',
          },
        ],
      })
      .on(DescribeInternetGatewaysCommand)
      .resolves({
        InternetGateways: [
          { InternetGatewayId: 'igw-1', Attachments: [{ State: 'attached', VpcId: 'vpc-1' }], Tags: [] },
        ],
      })
      .on(DescribeNatGatewaysCommand)
      .resolves({
        NatGateways: [
          {
            NatGatewayId: 'nat-1',
            VpcId: 'vpc-1',
            SubnetId: 'subnet-nat',
            State: 'available',
            ConnectivityType: 'public',
            CreateTime: new Date('2025-01-01T00:00:00Z'),
            NatGatewayAddresses: [{ AllocationId: 'eipalloc-1', PublicIp: '203.0.113.10' }],
          },
        ],
      })
      .on(DescribeVpcEndpointsCommand)
      .resolves({
        VpcEndpoints: [
          {
            VpcEndpointId: 'vpce-s3',
            VpcEndpointType: 'Gateway',
            VpcId: 'vpc-1',
            ServiceName: 'com.amazonaws.eu-west-1.s3',
            State: 'Available',
            RouteTableIds: ['rtb-main'],
          },
          {
            VpcEndpointId: 'vpce-fw',
            VpcEndpointType: 'GatewayLoadBalancer',
            VpcId: 'vpc-1',
            ServiceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0',
            State: 'Available',
            SubnetIds: ['subnet-fw'],
            Tags: [
              { Key: 'AWSNetworkFirewallManaged', Value: 'true' },
              { Key: 'owner', Value: 'network-team' },
            ],
          },
          {
            VpcEndpointId: 'vpce-sts',
            VpcEndpointType: 'Interface',
            VpcId: 'vpc-1',
            ServiceName: 'com.amazonaws.eu-west-1.sts',
            State: 'Available',
            SubnetIds: ['subnet-a', 'subnet-b'],
            PrivateDnsEnabled: true,
          },
        ],
      });
    const context = testContext();

    const [vpcs, gateways, nats, endpoints] = await Promise.all([
      collectVpcs(ec2, context),
      collectInternetGateways(ec2, context),
      collectNatGateways(ec2, context),
      collectVpcEndpoints(ec2, context),
    ]);

    expect(vpcs).toEqual([
      {
        VpcId: 'vpc-1',
        CidrBlock: '10.0.0.0/16',
        InstanceTenancy: 'default',
        IsDefault: false,
        OwnerId: '123456789012',
      },
    ]);
    expect(gateways).toEqual([
      { InternetGatewayId: 'igw-1', Attachments: [{ VpcId: 'vpc-1', State: 'attached' }] },
    ]);
    expect(nats).toEqual([
      {
        NatGatewayId: 'nat-1',
        VpcId: 'vpc-1',
        SubnetId: 'subnet-nat',
        State: 'available',
        ConnectivityType: 'public',
      },
    ]);
    expect(endpoints).toEqual([
      {
        VpcEndpointId: 'vpce-s3',
        VpcId: 'vpc-1',
        ServiceName: 'com.amazonaws.eu-west-1.s3',
        VpcEndpointType: 'Gateway',
        State: 'Available',
        SubnetIds: [],
      },
      {
        VpcEndpointId: 'vpce-fw',
        VpcId: 'vpc-1',
        ServiceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0',
        VpcEndpointType: 'GatewayLoadBalancer',
        State: 'Available',
        SubnetIds: ['subnet-fw'],
        // Only the tags that say who manages it.
        Tags: [{ Key: 'AWSNetworkFirewallManaged', Value: 'true' }],
      },
      {
        VpcEndpointId: 'vpce-sts',
        VpcId: 'vpc-1',
        ServiceName: 'com.amazonaws.eu-west-1.sts',
        VpcEndpointType: 'Interface',
        State: 'Available',
        SubnetIds: ['subnet-a', 'subnet-b'],
        PrivateDnsEnabled: true,
      },
    ]);
    for (const command of [
      DescribeVpcsCommand,
      DescribeInternetGatewaysCommand,
      DescribeNatGatewaysCommand,
      DescribeVpcEndpointsCommand,
    ]) {
      expect(ec2Mock.commandCalls(command)[0]?.args[0].input).toMatchObject({
        MaxResults: EC2_MAX_PAGE_SIZE,
      });
    }
    expect(context.recorder.gaps()).toEqual([]);
  });

  it('is null with a gap when an emulator does not implement the call', async () => {
    ec2Mock.on(DescribeVpcEndpointsCommand).rejects(
      ec2Error({
        name: 'InternalFailure',
        status: 501,
        message: "API action 'DescribeVpcEndpoints' for service 'ec2' not yet implemented",
      }),
    );
    const context = testContext();
    expect(await collectVpcEndpoints(ec2, context)).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      {
        part: 'vpcEndpoints',
        api: 'ec2:DescribeVpcEndpoints',
        errorCode: 'InternalFailure',
        message: "API action 'DescribeVpcEndpoints' for service 'ec2' not yet implemented",
      },
    ]);
  });
});

function vpcFunction(name: string, subnets: string[], groups: string[], vpcId?: string): FunctionRecord {
  return {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${name}`,
    Version: '$LATEST',
    MemorySize: 512,
    Role: 'arn:aws:iam::123456789012:role/r',
    VpcConfig: {
      SubnetIds: subnets,
      SecurityGroupIds: groups,
      ...(vpcId === undefined ? {} : { VpcId: vpcId }),
    },
  };
}

describe('collectSecurityGroups', () => {
  it('describes only the groups functions use, through the group-id filter', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-1',
          GroupName: 'app',
          Description: 'app',
          VpcId: 'vpc-1',
          OwnerId: '123456789012',
          IpPermissions: [],
          IpPermissionsEgress: [
            {
              IpProtocol: '-1',
              IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'all' }],
              Ipv6Ranges: [],
              PrefixListIds: [],
              UserIdGroupPairs: [],
            },
            {
              IpProtocol: 'tcp',
              FromPort: 443,
              ToPort: 443,
              UserIdGroupPairs: [{ GroupId: 'sg-db', UserId: '123456789012' }],
            },
          ],
        },
      ],
    });
    const functions = [
      vpcFunction('a', ['subnet-a'], ['sg-2', 'sg-1']),
      vpcFunction('b', ['subnet-b'], ['sg-1']),
      { ...vpcFunction('not-in-vpc', [], ['sg-ignored']) },
    ];
    const groupIds = securityGroupIdsOfFunctions(functions);
    expect(groupIds).toEqual(['sg-1', 'sg-2']);

    const groups = await collectSecurityGroups(ec2, groupIds, testContext());

    // sg-2 was deleted: with the filter it is simply absent, and the call still succeeds.
    expect(groups).toEqual([
      {
        GroupId: 'sg-1',
        GroupName: 'app',
        VpcId: 'vpc-1',
        IpPermissionsEgress: [
          {
            IpProtocol: '-1',
            FromPort: undefined,
            ToPort: undefined,
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
            Ipv6Ranges: [],
            PrefixListIds: [],
            UserIdGroupPairs: [],
          },
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            IpRanges: [],
            Ipv6Ranges: [],
            PrefixListIds: [],
            UserIdGroupPairs: [{ GroupId: 'sg-db' }],
          },
        ],
      },
    ]);
    const input = ec2Mock.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input;
    expect(input?.Filters).toEqual([{ Name: 'group-id', Values: ['sg-1', 'sg-2'] }]);
    expect(input).not.toHaveProperty('GroupIds');
  });

  it('splits the ids into filters of at most 200 values', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    const ids = Array.from({ length: 450 }, (_, i) => `sg-${String(i).padStart(4, '0')}`);

    expect(await collectSecurityGroups(ec2, ids, testContext())).toEqual([]);

    const sizes = ec2Mock
      .commandCalls(DescribeSecurityGroupsCommand)
      .map((call) => call.args[0].input.Filters?.[0]?.Values?.length);
    expect(sizes).toEqual([EC2_FILTER_VALUES_PER_REQUEST, EC2_FILTER_VALUES_PER_REQUEST, 50]);
  });

  it('makes no call when no function uses a group', async () => {
    expect(await collectSecurityGroups(ec2, [], testContext())).toEqual([]);
    expect(ec2Mock.commandCalls(DescribeSecurityGroupsCommand)).toHaveLength(0);
  });
});

describe('VPC attributes', () => {
  const subnets: Subnet[] = [
    { SubnetId: 'subnet-a', VpcId: 'vpc-real', AvailabilityZone: 'eu-west-1a', AvailableIpAddressCount: 10 },
  ];

  it('derives the VPC from the subnets, falling back to VpcConfig.VpcId only for a subnet not found', () => {
    const functions = [
      vpcFunction('a', ['subnet-a'], ['sg-1'], 'vpc-stale'),
      vpcFunction('b', ['subnet-deleted'], ['sg-1'], 'vpc-fallback'),
      vpcFunction('c', [], [], 'vpc-not-used'),
    ];
    expect(vpcIdsOfFunctions(functions, subnets)).toEqual(['vpc-fallback', 'vpc-real']);
    expect(vpcIdsOfFunctions(functions, null)).toEqual(['vpc-fallback', 'vpc-stale']);
  });

  it('reads DNS support and hostnames per VPC, a failure being a gap naming that VPC', async () => {
    ec2Mock
      .on(DescribeVpcAttributeCommand, { VpcId: 'vpc-1', Attribute: 'enableDnsSupport' })
      .resolves({ VpcId: 'vpc-1', EnableDnsSupport: { Value: true } })
      .on(DescribeVpcAttributeCommand, { VpcId: 'vpc-1', Attribute: 'enableDnsHostnames' })
      .resolves({ VpcId: 'vpc-1', EnableDnsHostnames: { Value: false } })
      .on(DescribeVpcAttributeCommand, { VpcId: 'vpc-2' })
      .rejects(EC2_UNAUTHORIZED('ec2:DescribeVpcAttribute'));
    const context = testContext();

    const attributes = await collectVpcAttributes(ec2, ['vpc-1', 'vpc-2'], context);

    expect(attributes).toEqual({ 'vpc-1': { EnableDnsSupport: true, EnableDnsHostnames: false } });
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({
        part: 'vpcAttributes',
        api: 'ec2:DescribeVpcAttribute',
        errorCode: 'UnauthorizedOperation',
        resource: 'vpc-2',
      }),
    ]);
  });
});
