/**
 * What the demo's egress paths pass through beside routes: the NAT instances (and their ENIs, as the ENI scan keeps
 * the ones routes target), the transit gateway attachment, the peering connection and the network ACLs.
 */
import type {
  NetworkAcl,
  NetworkAclEntry,
  RouteTargetInstance,
  RouteTargetInterface,
  TransitGatewayVpcAttachment,
  VpcPeeringConnection,
} from '../../lib/model/snapshot.js';
import {
  ACCOUNT,
  INSTANCE_CHECKING,
  INSTANCE_ENI_CHECKING,
  INSTANCE_ENI_STOPPED,
  INSTANCE_STOPPED,
  LOCKED,
  LOCKED_ACL,
  PEERING,
  PUBLIC,
  REGION,
  TGW,
  TGW_ATTACHMENT,
  TGW_ATTACHMENT_SUBNETS,
  VPC_CIDRS,
  VPC_PLATFORM,
} from './egress-network.js';

/** The NAT instances' ENIs, as the region's ENI scan keeps the ones routes target. */
export const DEMO_ROUTE_TARGET_INTERFACES: RouteTargetInterface[] = [
  {
    id: INSTANCE_ENI_STOPPED,
    subnet: PUBLIC[0],
    instance: INSTANCE_STOPPED,
    check: false,
    ip: '52.210.14.7',
  },
  {
    id: INSTANCE_ENI_CHECKING,
    subnet: PUBLIC[1],
    instance: INSTANCE_CHECKING,
    check: true,
    ip: '52.210.14.8',
  },
].map(({ id, subnet, instance, check, ip }) => ({
  NetworkInterfaceId: id,
  InterfaceType: 'interface',
  Status: 'in-use',
  SubnetId: subnet.id,
  VpcId: subnet.vpc,
  SourceDestCheck: check,
  Association: { PublicIp: ip },
  Attachment: { InstanceId: instance, Status: 'attached' },
}));

export const DEMO_ROUTE_TARGET_INSTANCES: RouteTargetInstance[] = DEMO_ROUTE_TARGET_INTERFACES.map((eni) => ({
  InstanceId: eni.Attachment?.InstanceId ?? '',
  // The stopped one keeps its Elastic IP; it forwards nothing until it runs.
  State: eni.NetworkInterfaceId === INSTANCE_ENI_STOPPED ? 'stopped' : 'running',
  SubnetId: eni.SubnetId,
  VpcId: eni.VpcId,
  ...(eni.NetworkInterfaceId === INSTANCE_ENI_STOPPED ? {} : { PublicIpAddress: eni.Association?.PublicIp }),
  NetworkInterfaces: [
    {
      NetworkInterfaceId: eni.NetworkInterfaceId,
      SubnetId: eni.SubnetId,
      SourceDestCheck: eni.SourceDestCheck,
      Status: 'in-use',
      Association: { PublicIp: eni.Association?.PublicIp },
      Attachment: { DeviceIndex: 0, Status: 'attached' },
    },
  ],
}));

const entry = (
  rule: number,
  egress: boolean,
  action: 'allow' | 'deny',
  cidr: string,
  tcp443 = false,
): NetworkAclEntry => ({
  RuleNumber: rule,
  Protocol: tcp443 ? '6' : '-1',
  RuleAction: action,
  Egress: egress,
  ...(cidr.includes(':') ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr }),
  ...(tcp443 ? { PortRange: { From: 443, To: 443 } } : {}),
});

/** A VPC's default ACL as AWS creates it: allow all, then the `*` deny; IPv6 rules when the VPC has IPv6. */
function defaultAcl(vpcId: string, n: number, ipv6: boolean): NetworkAcl {
  const families = ipv6 ? ['0.0.0.0/0', '::/0'] : ['0.0.0.0/0'];
  return {
    NetworkAclId: `acl-0d${String(n).padStart(2, '0')}e2f4a6c8b0d1e3`,
    VpcId: vpcId,
    IsDefault: true,
    Associations: [],
    Entries: [true, false].flatMap((egress) =>
      families.flatMap((cidr, i) => [
        entry(100 + i, egress, 'allow', cidr),
        entry(32767, egress, 'deny', cidr),
      ]),
    ),
  };
}

/** The kyc team's ACL: HTTPS only to the corporate range (10.0.0.0/8), everything else out denied. */
const LOCKED_NETWORK_ACL: NetworkAcl = {
  NetworkAclId: LOCKED_ACL,
  VpcId: VPC_PLATFORM,
  IsDefault: false,
  Associations: LOCKED.map((s) => ({ SubnetId: s.id })),
  Entries: [
    entry(100, true, 'allow', '10.0.0.0/8', true),
    entry(200, true, 'deny', '0.0.0.0/0'),
    entry(32767, true, 'deny', '0.0.0.0/0'),
    entry(100, false, 'allow', '0.0.0.0/0'),
    entry(32767, false, 'deny', '0.0.0.0/0'),
  ],
};

export const DEMO_TRANSIT_GATEWAY_ATTACHMENTS: TransitGatewayVpcAttachment[] = [
  {
    TransitGatewayAttachmentId: TGW_ATTACHMENT,
    TransitGatewayId: TGW,
    VpcId: VPC_PLATFORM,
    State: 'available',
    SubnetIds: TGW_ATTACHMENT_SUBNETS.map((s) => s.id),
  },
];

export const DEMO_PEERING_CONNECTIONS: VpcPeeringConnection[] = [
  {
    VpcPeeringConnectionId: PEERING,
    Status: { Code: 'active' },
    RequesterVpcInfo: {
      VpcId: VPC_PLATFORM,
      OwnerId: ACCOUNT,
      Region: REGION,
      CidrBlock: VPC_CIDRS[VPC_PLATFORM],
    },
    AccepterVpcInfo: {
      VpcId: 'vpc-0e9d8c7b6a5f4e3d2',
      OwnerId: '210987654321',
      Region: REGION,
      CidrBlock: '10.200.0.0/16',
    },
  },
];

/** Every VPC's default ACL (IPv6 rules in the dual-stack one) and the kyc team's locked ACL. */
export function demoNetworkAcls(vpcIds: readonly string[]): NetworkAcl[] {
  return [...vpcIds.map((id, n) => defaultAcl(id, n, id === VPC_PLATFORM)), LOCKED_NETWORK_ACL];
}
