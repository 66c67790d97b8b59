/**
 * The demo's egress cases: one function per verdict of the path walker, on the networks of ./egress-network.ts.
 *
 *   partner-webhook-sender  firewall endpoint, then NAT gateway, then IGW                    internet (no finding)
 *   geo-lookup              firewall endpoint whose subnet routes straight to the IGW        no internet
 *   ledger-replicator       default route to a VPC peering connection                        no internet
 *   sanctions-list-sync     private NAT gateway, whose subnet routes to the IGW              no internet
 *   legacy-sftp-bridge      NAT instances: one stopped, one with source/destination check on no internet
 *   kyc-pep-screening       NAT gateways, but a network ACL denies outbound HTTPS            no internet
 *   audit-log-shipper       transit gateway (attachment available in both AZs)               beyond view (info)
 *   core-banking-sync       virtual private gateway                                          beyond view (info)
 *   push-notifier           dual-stack, subnets whose only way out is ::/0 to an eigw        internet (IPv6)
 *   status-pinger           the same subnets, IPv4 only                                      no route it can use (high)
 *   token-rotator           secrets VPC: DNS hostnames off, Secrets Manager endpoint with private DNS
 *
 * `withEgressCases` adds them to the demo account, with everything a collection would hold for them (Lambda ENIs,
 * free IPs, regional ENI counts, GetFunction, roles, metrics), and the network ACLs of every VPC.
 */
import { LAMBDA_ENI_ACTIONS } from '../../lib/model/lambda-eni-actions.js';
import type {
  FunctionDetail,
  FunctionRecord,
  NetworkInterface,
  Snapshot,
  Subnet,
} from '../../lib/model/snapshot.js';
import {
  ACCOUNT,
  DEMO_ENDPOINTS,
  DEMO_NAT_GATEWAYS,
  DEMO_ROUTE_TABLES,
  DEMO_SUBNETS,
  type DemoSubnet,
  FIREWALL_ONLY,
  IGW_PLATFORM,
  INSPECTED,
  IPV6,
  LOCKED,
  NAT_INSTANCE,
  PEERED,
  PRIVATE_NAT,
  PUBLIC,
  REGION,
  SECRETS,
  TGW_SUBNETS,
  VPC_CIDRS,
  VPC_PLATFORM,
  VPC_SECRETS,
  VPN,
} from './egress-network.js';
import {
  DEMO_PEERING_CONNECTIONS,
  DEMO_ROUTE_TARGET_INSTANCES,
  DEMO_ROUTE_TARGET_INTERFACES,
  DEMO_TRANSIT_GATEWAY_ATTACHMENTS,
  demoNetworkAcls,
} from './egress-targets.js';

const SG_PLATFORM = 'sg-0a5e7c9b1d3f50e01';
const SG_SECRETS = 'sg-0b6f8d0c2e4a61e01';

interface Case {
  name: string;
  subnets: readonly DemoSubnet[];
  dualStack?: boolean;
  peak: number;
}

const CASES: Case[] = [
  { name: 'partner-webhook-sender', subnets: INSPECTED, peak: 6 },
  { name: 'geo-lookup', subnets: FIREWALL_ONLY, peak: 3 },
  { name: 'ledger-replicator', subnets: PEERED, peak: 2 },
  { name: 'sanctions-list-sync', subnets: PRIVATE_NAT, peak: 1 },
  { name: 'legacy-sftp-bridge', subnets: NAT_INSTANCE, peak: 1 },
  { name: 'kyc-pep-screening', subnets: LOCKED, peak: 4 },
  { name: 'audit-log-shipper', subnets: TGW_SUBNETS, peak: 5 },
  { name: 'core-banking-sync', subnets: VPN, peak: 2 },
  { name: 'push-notifier', subnets: IPV6, dualStack: true, peak: 7 },
  { name: 'status-pinger', subnets: IPV6, peak: 1 },
  { name: 'token-rotator', subnets: SECRETS, peak: 1 },
];

const LAST_MODIFIED = '2026-11-02T10:15:00.000+0000';

function record(c: Case): FunctionRecord {
  const [first] = c.subnets;
  const vpc = first?.vpc ?? VPC_PLATFORM;
  return {
    FunctionName: c.name,
    FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${c.name}:$LATEST`,
    Version: '$LATEST',
    Runtime: 'nodejs22.x',
    MemorySize: 512,
    Role: `arn:aws:iam::${ACCOUNT}:role/${c.name}-role`,
    PackageType: 'Zip',
    Architectures: ['arm64'],
    LastModified: LAST_MODIFIED,
    VpcConfig: {
      SubnetIds: c.subnets.map((s) => s.id),
      SecurityGroupIds: [vpc === VPC_SECRETS ? SG_SECRETS : SG_PLATFORM],
      VpcId: vpc,
      Ipv6AllowedForDualStack: c.dualStack ?? false,
    },
  };
}

function detail(c: Case): FunctionDetail {
  return {
    FunctionName: c.name,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    Tags: { env: 'prod', 'managed-by': 'terraform', team: 'platform', service: c.name },
  };
}

/** One Hyperplane ENI per (subnet, security group) in use; the demo's ids and descriptions are literal. */
function lambdaEnis(records: readonly FunctionRecord[]): NetworkInterface[] {
  const combos = new Map<string, { subnet: DemoSubnet; group: string; creator: string }>();
  for (const r of records) {
    const group = r.VpcConfig?.SecurityGroupIds[0] ?? '';
    for (const id of r.VpcConfig?.SubnetIds ?? []) {
      const subnet = DEMO_SUBNETS.find((s) => s.id === id);
      if (subnet && !combos.has(`${id}|${group}`))
        combos.set(`${id}|${group}`, { subnet, group, creator: r.FunctionName });
    }
  }
  return [...combos.values()].map(({ subnet, group, creator }, i) => {
    const n = String(i + 1).padStart(2, '0');
    return {
      NetworkInterfaceId: `eni-0c7d9e1f3a5b7c9${n}`,
      InterfaceType: 'lambda',
      Description: `AWS Lambda VPC ENI-${creator}-5e0c7d9e-1f3a-4b7c-9d1e-3f5a7b9c1d${n}`,
      Status: 'in-use',
      SubnetId: subnet.id,
      VpcId: subnet.vpc,
      AvailabilityZone: `${REGION}${subnet.az}`,
      PrivateIpAddress: `${subnet.cidr.split('.').slice(0, 3).join('.')}.${20 + i}`,
      RequesterId: `AROA5E0C7D9E1F3A5B7C9:${creator}`,
      RequesterManaged: true,
      Groups: [{ GroupId: group, GroupName: group === SG_SECRETS ? 'lambda-secrets' : 'lambda-platform' }],
      Attachment: {
        AttachmentId: `ela-attach-5e0c7d${n}`,
        InstanceOwnerId: 'amazon-aws',
        Status: 'attached',
        AttachTime: '2026-11-02T10:16:00.000Z',
      },
    };
  });
}

function toSubnet(s: DemoSubnet, lambdaInSubnet: number): Subnet {
  const others = Object.values(s.others ?? {}).reduce((a, b) => a + b, 0);
  return {
    SubnetId: s.id,
    VpcId: s.vpc,
    AvailabilityZone: `${REGION}${s.az}`,
    AvailabilityZoneId: s.az === 'a' ? 'euw1-az3' : 'euw1-az1',
    CidrBlock: s.cidr,
    AvailableIpAddressCount: 256 - 5 - others - lambdaInSubnet,
    MapPublicIpOnLaunch: PUBLIC.includes(s as (typeof PUBLIC)[number]),
    Ipv6CidrBlocks: s.ipv6 ? [s.ipv6] : [],
  };
}

/** The parts this module writes whole. */
type EgressParts =
  | 'routeTargetInstances'
  | 'routeTargetInterfaces'
  | 'transitGatewayAttachments'
  | 'vpcPeeringConnections'
  | 'networkAcls';

/** The demo account with the egress cases added; the other parts are kept as they are. */
export function withEgressCases(demo: Omit<Snapshot, EgressParts>): Snapshot {
  const records = CASES.map(record);
  const enis = lambdaEnis(records);
  const byType = { ...(demo.networkInterfaceCounts?.byInterfaceType ?? {}) };
  for (const s of DEMO_SUBNETS)
    for (const [type, n] of Object.entries(s.others ?? {})) byType[type] = (byType[type] ?? 0) + n;
  byType.lambda = (byType.lambda ?? 0) + enis.length;
  const days = demo.metrics?.account?.daily.map((d) => d.date) ?? [];
  const series = (peak: number) => ({
    peak,
    daily: days.map((date, i) => ({ date, max: i === days.length - 2 ? peak : Math.max(1, peak - 1) })),
  });
  const vpcIds = [...(demo.vpcs ?? []).map((v) => v.VpcId), VPC_PLATFORM, VPC_SECRETS];
  const roles = CASES.map((c) => ({
    RoleName: `${c.name}-role`,
    Arn: `arn:aws:iam::${ACCOUNT}:role/${c.name}-role`,
    RoleId: `AROA5E0C7D9E1F3A5B${String(CASES.indexOf(c)).padStart(3, '0')}`,
  }));
  return {
    ...demo,
    functions: [...(demo.functions ?? []), ...records],
    functionDetails: {
      ...demo.functionDetails,
      ...Object.fromEntries(CASES.map((c) => [c.name, detail(c)])),
    },
    vpcs: [
      ...(demo.vpcs ?? []),
      ...[VPC_PLATFORM, VPC_SECRETS].map((id) => ({
        VpcId: id,
        CidrBlock: VPC_CIDRS[id],
        InstanceTenancy: 'default',
        IsDefault: false,
        OwnerId: ACCOUNT,
      })),
    ],
    vpcAttributes: {
      ...demo.vpcAttributes,
      [VPC_PLATFORM]: { EnableDnsSupport: true, EnableDnsHostnames: true },
      [VPC_SECRETS]: { EnableDnsSupport: true, EnableDnsHostnames: false },
    },
    subnets: [
      ...(demo.subnets ?? []),
      // Lambda-operated ENIs (a capacity provider's instances in the peered subnets) hold addresses there too.
      ...DEMO_SUBNETS.map((s) =>
        toSubnet(
          s,
          [...enis, ...(demo.lambdaOperatedNetworkInterfaces ?? [])].filter((e) => e.SubnetId === s.id)
            .length,
        ),
      ),
    ],
    routeTables: [...(demo.routeTables ?? []), ...DEMO_ROUTE_TABLES],
    internetGateways: [
      ...(demo.internetGateways ?? []),
      { InternetGatewayId: IGW_PLATFORM, Attachments: [{ VpcId: VPC_PLATFORM, State: 'available' }] },
    ],
    natGateways: [...(demo.natGateways ?? []), ...DEMO_NAT_GATEWAYS],
    securityGroups: [
      ...(demo.securityGroups ?? []),
      ...[
        [SG_PLATFORM, 'lambda-platform', VPC_PLATFORM],
        [SG_SECRETS, 'lambda-secrets', VPC_SECRETS],
      ].map(([id = '', name, vpc]) => ({
        GroupId: id,
        GroupName: name,
        VpcId: vpc,
        IpPermissionsEgress: [
          {
            IpProtocol: '-1',
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
            Ipv6Ranges: [{ CidrIpv6: '::/0' }],
            PrefixListIds: [],
            UserIdGroupPairs: [],
          },
        ],
      })),
    ],
    networkInterfaces: [...(demo.networkInterfaces ?? []), ...enis],
    networkInterfaceCounts: {
      total: Object.values(byType).reduce((a, b) => a + b, 0),
      byInterfaceType: byType,
    },
    vpcEndpoints: [...(demo.vpcEndpoints ?? []), ...DEMO_ENDPOINTS],
    routeTargetInstances: DEMO_ROUTE_TARGET_INSTANCES,
    routeTargetInterfaces: DEMO_ROUTE_TARGET_INTERFACES,
    transitGatewayAttachments: DEMO_TRANSIT_GATEWAY_ATTACHMENTS,
    vpcPeeringConnections: DEMO_PEERING_CONNECTIONS,
    networkAcls: demoNetworkAcls(vpcIds),
    roles: [...(demo.roles ?? []), ...roles],
    rolePermissions: {
      ...demo.rolePermissions,
      ...Object.fromEntries(
        roles.map((r) => [r.Arn, Object.fromEntries(LAMBDA_ENI_ACTIONS.map((a) => [a, 'allowed']))]),
      ),
    },
    metrics:
      demo.metrics === null
        ? null
        : {
            ...demo.metrics,
            functions: {
              ...demo.metrics.functions,
              ...Object.fromEntries(CASES.map((c) => [c.name, series(c.peak)])),
            },
          },
  };
}
