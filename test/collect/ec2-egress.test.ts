import {
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeVpcPeeringConnectionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  collectNetworkAcls,
  collectRouteTargetInstances,
  collectTransitGatewayAttachments,
  collectVpcPeeringConnections,
} from '../../lib/collect/ec2-egress.js';
import { routeTargetsOf } from '../../lib/collect/ec2-egress-records.js';
import { EC2_FILTER_VALUES_PER_REQUEST, EC2_MAX_PAGE_SIZE } from '../../lib/collect/ec2-paging.js';
import { collectEgressParts, egressInputs, routeTargetInterfacesOf } from '../../lib/collect/egress-parts.js';
import type { NetworkInterfaceScan } from '../../lib/collect/network-interface-scan.js';
import { route as routes, routeTable } from '../fixtures/snapshot-builder.js';
import { EC2_UNAUTHORIZED, testContext } from './helpers.js';

const ec2Mock = mockClient(EC2Client);
const ec2 = new EC2Client({ region: 'eu-west-1' });

beforeEach(() => {
  ec2Mock.reset();
});

/** A NAT instance as DescribeInstances returns it (trimmed to what AWS always sends and what is read). */
const natInstance = {
  InstanceId: 'i-0123456789abcdef0',
  State: { Code: 16, Name: 'running' as const },
  SubnetId: 'subnet-public',
  VpcId: 'vpc-1',
  PublicIpAddress: '203.0.113.9',
  SourceDestCheck: false,
  NetworkInterfaces: [
    {
      NetworkInterfaceId: 'eni-nat',
      SubnetId: 'subnet-public',
      SourceDestCheck: false,
      Status: 'in-use' as const,
      Association: { PublicIp: '203.0.113.9', IpOwnerId: 'amazon' },
      Attachment: { AttachmentId: 'eni-attach-1', DeviceIndex: 0, Status: 'attached' as const },
    },
  ],
};

describe('collectRouteTargetInstances', () => {
  it('filters by instance-id (not InstanceIds) at the largest page, and keeps state, check and public IP', async () => {
    ec2Mock
      .on(DescribeInstancesCommand)
      .resolves({ Reservations: [{ ReservationId: 'r-1', Instances: [natInstance] }] });
    const context = testContext();

    const instances = await collectRouteTargetInstances(ec2, ['i-0123456789abcdef0', 'i-gone'], context);

    expect(instances).toEqual([
      {
        InstanceId: 'i-0123456789abcdef0',
        State: 'running',
        SubnetId: 'subnet-public',
        VpcId: 'vpc-1',
        PublicIpAddress: '203.0.113.9',
        NetworkInterfaces: [
          {
            NetworkInterfaceId: 'eni-nat',
            SubnetId: 'subnet-public',
            SourceDestCheck: false,
            Status: 'in-use',
            Association: { PublicIp: '203.0.113.9' },
            Attachment: { DeviceIndex: 0, Status: 'attached' },
          },
        ],
      },
    ]);
    const input = ec2Mock.commandCalls(DescribeInstancesCommand)[0]?.args[0].input;
    expect(input).toEqual({
      Filters: [{ Name: 'instance-id', Values: ['i-0123456789abcdef0', 'i-gone'] }],
      MaxResults: EC2_MAX_PAGE_SIZE,
    });
    expect(context.recorder.gaps()).toEqual([]);
  });

  it('makes no call when no route names an instance: none to read is an empty list', async () => {
    expect(await collectRouteTargetInstances(ec2, [], testContext())).toEqual([]);
    expect(ec2Mock.commandCalls(DescribeInstancesCommand)).toHaveLength(0);
  });

  it('asks for 200 ids a request, and is null with a gap when any request is denied', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => `i-${String(i).padStart(17, '0')}`);
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    expect(await collectRouteTargetInstances(ec2, ids, testContext())).toEqual([]);
    const sizes = ec2Mock
      .commandCalls(DescribeInstancesCommand)
      .map((c) => c.args[0].input.Filters?.[0]?.Values?.length);
    expect(sizes).toEqual([EC2_FILTER_VALUES_PER_REQUEST, EC2_FILTER_VALUES_PER_REQUEST, 50]);

    ec2Mock.reset();
    ec2Mock.on(DescribeInstancesCommand).rejects(EC2_UNAUTHORIZED('ec2:DescribeInstances'));
    const context = testContext();
    expect(await collectRouteTargetInstances(ec2, ids, context)).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({
        part: 'routeTargetInstances',
        api: 'ec2:DescribeInstances',
        errorCode: 'UnauthorizedOperation',
      }),
    ]);
  });
});

describe('the transit gateway, peering and network ACL reads', () => {
  it('reads the attachments of the VPCs in use, over pages, with their subnets', async () => {
    ec2Mock
      .on(DescribeTransitGatewayVpcAttachmentsCommand)
      .resolvesOnce({
        TransitGatewayVpcAttachments: [
          {
            TransitGatewayAttachmentId: 'tgw-attach-1',
            TransitGatewayId: 'tgw-1',
            VpcId: 'vpc-1',
            VpcOwnerId: '123456789012',
            State: 'available',
            SubnetIds: ['subnet-a', 'subnet-b'],
            CreationTime: new Date('2025-01-01T00:00:00Z'),
          },
        ],
        NextToken: 't2',
      })
      .resolvesOnce({ TransitGatewayVpcAttachments: [] });

    const attachments = await collectTransitGatewayAttachments(ec2, ['vpc-1'], testContext());

    expect(attachments).toEqual([
      {
        TransitGatewayAttachmentId: 'tgw-attach-1',
        TransitGatewayId: 'tgw-1',
        VpcId: 'vpc-1',
        State: 'available',
        SubnetIds: ['subnet-a', 'subnet-b'],
      },
    ]);
    const calls = ec2Mock.commandCalls(DescribeTransitGatewayVpcAttachmentsCommand);
    expect(calls).toHaveLength(2);
    // The paginator reuses its input object: the first call's has the token of the second by now.
    expect(calls[0]?.args[0].input).toMatchObject({
      Filters: [{ Name: 'vpc-id', Values: ['vpc-1'] }],
      MaxResults: EC2_MAX_PAGE_SIZE,
    });
  });

  it('reads the peering connections routes name, with their status and sides', async () => {
    ec2Mock.on(DescribeVpcPeeringConnectionsCommand).resolves({
      VpcPeeringConnections: [
        {
          VpcPeeringConnectionId: 'pcx-1',
          Status: { Code: 'active', Message: 'Active' },
          RequesterVpcInfo: {
            VpcId: 'vpc-1',
            OwnerId: '123456789012',
            Region: 'eu-west-1',
            CidrBlock: '10.0.0.0/16',
          },
          AccepterVpcInfo: {
            VpcId: 'vpc-peer',
            OwnerId: '210987654321',
            Region: 'eu-west-1',
            CidrBlock: '10.9.0.0/16',
          },
        },
      ],
    });

    expect(await collectVpcPeeringConnections(ec2, ['pcx-1'], testContext())).toEqual([
      {
        VpcPeeringConnectionId: 'pcx-1',
        Status: { Code: 'active' },
        AccepterVpcInfo: {
          VpcId: 'vpc-peer',
          OwnerId: '210987654321',
          Region: 'eu-west-1',
          CidrBlock: '10.9.0.0/16',
        },
        RequesterVpcInfo: {
          VpcId: 'vpc-1',
          OwnerId: '123456789012',
          Region: 'eu-west-1',
          CidrBlock: '10.0.0.0/16',
        },
      },
    ]);
    expect(ec2Mock.commandCalls(DescribeVpcPeeringConnectionsCommand)[0]?.args[0].input.Filters).toEqual([
      { Name: 'vpc-peering-connection-id', Values: ['pcx-1'] },
    ]);
  });

  it('reads the network ACLs of the VPCs in use, entries and associations as AWS lists them', async () => {
    ec2Mock.on(DescribeNetworkAclsCommand).resolves({
      NetworkAcls: [
        {
          NetworkAclId: 'acl-1',
          VpcId: 'vpc-1',
          IsDefault: false,
          OwnerId: '123456789012',
          Associations: [
            { NetworkAclAssociationId: 'aclassoc-1', NetworkAclId: 'acl-1', SubnetId: 'subnet-a' },
          ],
          Entries: [
            {
              RuleNumber: 100,
              Protocol: '6',
              RuleAction: 'allow',
              Egress: true,
              CidrBlock: '0.0.0.0/0',
              PortRange: { From: 443, To: 443 },
            },
            { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
          ],
        },
      ],
    });

    expect(await collectNetworkAcls(ec2, ['vpc-1'], testContext())).toEqual([
      {
        NetworkAclId: 'acl-1',
        VpcId: 'vpc-1',
        IsDefault: false,
        Associations: [{ SubnetId: 'subnet-a' }],
        Entries: [
          {
            RuleNumber: 100,
            Protocol: '6',
            RuleAction: 'allow',
            Egress: true,
            CidrBlock: '0.0.0.0/0',
            PortRange: { From: 443, To: 443 },
          },
          { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
        ],
      },
    ]);
  });

  it('turns an entry without its required fields into a gap naming them, not a guessed rule', async () => {
    ec2Mock.on(DescribeNetworkAclsCommand).resolves({
      NetworkAcls: [{ NetworkAclId: 'acl-1', VpcId: 'vpc-1', Entries: [{ Protocol: '-1', Egress: true }] }],
    });
    const context = testContext();
    expect(await collectNetworkAcls(ec2, ['vpc-1'], context)).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({ part: 'networkAcls', message: expect.stringContaining('RuleNumber') }),
    ]);
  });
});

describe('what the egress reads are filtered to', () => {
  it('takes the instances, ENIs and peerings from the routes of the VPCs in use only', () => {
    const tables = [
      routeTable({
        id: 'rtb-1',
        vpc: 'vpc-1',
        routes: [routes.toInstance('i-1', 'eni-1'), routes.toPeering('pcx-1', '10.9.0.0/16')],
      }),
      routeTable({ id: 'rtb-other', vpc: 'vpc-other', routes: [routes.toInstance('i-9', 'eni-9')] }),
    ];
    expect(routeTargetsOf(tables, ['vpc-1'])).toEqual({
      instanceIds: ['i-1'],
      networkInterfaceIds: ['eni-1'],
      peeringConnectionIds: ['pcx-1'],
    });
  });

  it("reads the VPCs of the capacity providers' subnets too: their instances take those routes", async () => {
    const inputs = egressInputs(
      Promise.resolve([]),
      Promise.resolve([
        {
          SubnetId: 'subnet-cp',
          VpcId: 'vpc-providers',
          AvailabilityZone: 'eu-west-1a',
          AvailableIpAddressCount: 10,
        },
      ]),
      Promise.resolve([]),
      Promise.resolve([
        {
          CapacityProviderArn: 'arn:aws:lambda:eu-west-1:123456789012:capacity-provider:pool',
          State: 'Active',
          VpcConfig: { SubnetIds: ['subnet-cp'], SecurityGroupIds: [] },
          PermissionsConfig: {
            CapacityProviderOperatorRoleArn: 'arn:aws:iam::123456789012:role/pool-operator',
          },
        },
      ]),
    );
    expect(await inputs.vpcIds).toEqual(['vpc-providers']);
  });

  it('reads the instance behind a route that names only its ENI', async () => {
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ec2Mock.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: [] });
    ec2Mock.on(DescribeTransitGatewayVpcAttachmentsCommand).resolves({ TransitGatewayVpcAttachments: [] });
    const scan: NetworkInterfaceScan = {
      networkInterfaces: [],
      lambdaOperated: [],
      counts: { total: 1, byInterfaceType: { interface: 1 } },
      routeTargets: [{ NetworkInterfaceId: 'eni-appliance', Attachment: { InstanceId: 'i-appliance' } }],
    };
    const inputs = egressInputs(
      Promise.resolve([]),
      Promise.resolve([]),
      Promise.resolve([routeTable({ id: 'rtb-1', vpc: 'vpc-1', routes: [] })]),
    );
    await collectEgressParts(
      ec2,
      testContext(),
      { vpcIds: Promise.resolve(['vpc-1']), targets: inputs.targets },
      Promise.resolve(scan),
    );
    expect(ec2Mock.commandCalls(DescribeInstancesCommand)[0]?.args[0].input.Filters).toEqual([
      { Name: 'instance-id', Values: ['i-appliance'] },
    ]);
    expect(ec2Mock.commandCalls(DescribeNetworkInterfacesCommand)).toHaveLength(0);
  });

  it("gives the route-target ENIs the scan's own gap when the scan failed", () => {
    const context = testContext();
    const denied = {
      part: 'networkInterfaces' as const,
      api: 'ec2:DescribeNetworkInterfaces',
      errorCode: 'UnauthorizedOperation',
      message: 'not authorized',
    };
    context.recorder.record(denied);
    expect(routeTargetInterfacesOf(context, null)).toBeNull();
    expect(context.recorder.gaps()).toEqual([denied, { ...denied, part: 'routeTargetInterfaces' }]);
  });
});
