/**
 * The networks of the demo's egress cases (examples/demo/egress.ts): the topologies platform teams run, each with
 * subnets in eu-west-1a and eu-west-1b.
 *
 *   platform vpc-0a5e7c9b1d3f50a71 10.50.0.0/16, IGW igw-0a5e7c9b1d3f50a72, NAT gateways in its public subnets
 *     inspected    -> Network Firewall endpoint (per AZ) -> NAT gateway (same AZ) -> IGW        internet
 *     fw-only      -> Network Firewall endpoint whose subnet routes straight to the IGW         no internet
 *     peered       -> active peering connection to a shared-services VPC                       no internet
 *     private-nat  -> private NAT gateway whose subnet routes to the IGW                        no internet
 *     nat-instance -> a stopped NAT instance (a), one with source/destination check on (b)     no internet
 *     tgw          -> transit gateway, attachment available in both AZs                       beyond view
 *     vpn          -> virtual private gateway                                                  beyond view
 *     locked       -> NAT gateways, but network ACL acl-0a5e7c9b1d3f50a91 denies HTTPS out     no internet
 *     ipv6         -> ::/0 to egress-only IGW only (no 0.0.0.0/0)     internet (dual-stack) / none (IPv4 only)
 *   secrets vpc-0b6f8d0c2e4a61b81 10.60.0.0/16: no route out, DNS hostnames off, a Secrets Manager interface
 *     endpoint with private DNS (whose name then no longer resolves to it)
 */
import type { NatGateway, Route, RouteTable, VpcEndpoint } from '../../lib/model/snapshot.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

export const VPC_PLATFORM = 'vpc-0a5e7c9b1d3f50a71';
export const VPC_SECRETS = 'vpc-0b6f8d0c2e4a61b81';
export const VPC_CIDRS: Record<string, string> = {
  [VPC_PLATFORM]: '10.50.0.0/16',
  [VPC_SECRETS]: '10.60.0.0/16',
};

export const IGW_PLATFORM = 'igw-0a5e7c9b1d3f50a72';
export const EIGW_PLATFORM = 'eigw-0a5e7c9b1d3f50a73';
export const TGW = 'tgw-0c1d2e3f4a5b6c7d8';
export const TGW_ATTACHMENT = 'tgw-attach-0d2e3f4a5b6c7d8e9';
export const VGW = 'vgw-0e3f4a5b6c7d8e9f0';
export const PEERING = 'pcx-0f4a5b6c7d8e9f0a1';
export const NAT_A = 'nat-0a5e7c9b1d3f50b01';
export const NAT_B = 'nat-0a5e7c9b1d3f50b02';
export const NAT_PRIVATE = 'nat-0a5e7c9b1d3f50b03';
export const FIREWALL_A = 'vpce-0a5e7c9b1d3f50c01';
export const FIREWALL_B = 'vpce-0a5e7c9b1d3f50c02';
export const FIREWALL_DIRECT = 'vpce-0a5e7c9b1d3f50c03';
export const SECRETS_ENDPOINT = 'vpce-0b6f8d0c2e4a61c01';
export const INSTANCE_STOPPED = 'i-0a5e7c9b1d3f50d01';
export const INSTANCE_CHECKING = 'i-0a5e7c9b1d3f50d02';
export const INSTANCE_ENI_STOPPED = 'eni-0a5e7c9b1d3f50d11';
export const INSTANCE_ENI_CHECKING = 'eni-0a5e7c9b1d3f50d12';
export const LOCKED_ACL = 'acl-0a5e7c9b1d3f50a91';

export interface DemoSubnet {
  id: string;
  vpc: string;
  az: 'a' | 'b';
  cidr: string;
  ipv6?: string;
  /** ENIs in the subnet that are not Lambda's, by InterfaceType. */
  others?: Record<string, number>;
}

const subnet = (n: number, az: 'a' | 'b', options: PairOptions): DemoSubnet => {
  const others = az === 'a' ? options.a : options.b;
  return {
    id: `subnet-0a5e7c9b1d3f5${String(n).padStart(2, '0')}${az === 'a' ? '0a' : '0b'}`,
    vpc: VPC_PLATFORM,
    az,
    cidr: `10.50.${n * 2 + (az === 'a' ? 0 : 1)}.0/24`,
    ...(options.ipv6 ? { ipv6: `2a05:d018:1e4:50${az === 'a' ? '0d' : '1d'}::/64` } : {}),
    ...(others ? { others } : {}),
  };
};

interface PairOptions {
  /** The other ENIs of the a and b subnets. */
  a?: Record<string, number>;
  b?: Record<string, number>;
  ipv6?: boolean;
}

/** Each case's two subnets, in eu-west-1a and eu-west-1b. */
const pair = (n: number, options: PairOptions = {}) =>
  [subnet(n, 'a', options), subnet(n, 'b', options)] as const;

const PUBLIC_ENIS = { nat_gateway: 1, interface: 1 };
export const PUBLIC = pair(0, { a: PUBLIC_ENIS, b: PUBLIC_ENIS });
export const FIREWALL = pair(1, {
  a: { gateway_load_balancer_endpoint: 1 },
  b: { gateway_load_balancer_endpoint: 1 },
});
export const INSPECTED = pair(2);
export const FIREWALL_ONLY = pair(3);
export const FIREWALL_EDGE = pair(4, { a: { gateway_load_balancer_endpoint: 1 } });
export const PEERED = pair(5);
export const PRIVATE_NAT = pair(6);
export const PRIVATE_NAT_EDGE = pair(7, { a: { nat_gateway: 1 } });
export const NAT_INSTANCE = pair(8);
export const TGW_SUBNETS = pair(9);
export const TGW_ATTACHMENT_SUBNETS = pair(10, { a: { transit_gateway: 1 }, b: { transit_gateway: 1 } });
export const VPN = pair(11);
export const LOCKED = pair(12);
export const IPV6 = pair(13, { ipv6: true });
export const SECRETS = (['a', 'b'] as const).map(
  (az, i): DemoSubnet => ({
    id: `subnet-0b6f8d0c2e4a61b${az === 'a' ? '0a' : '0b'}`,
    vpc: VPC_SECRETS,
    az,
    cidr: `10.60.${i}.0/24`,
    others: { vpc_endpoint: 1 },
  }),
);

export const DEMO_SUBNETS: readonly DemoSubnet[] = [
  ...PUBLIC,
  ...FIREWALL,
  ...INSPECTED,
  ...FIREWALL_ONLY,
  ...FIREWALL_EDGE,
  ...PEERED,
  ...PRIVATE_NAT,
  ...PRIVATE_NAT_EDGE,
  ...NAT_INSTANCE,
  ...TGW_SUBNETS,
  ...TGW_ATTACHMENT_SUBNETS,
  ...VPN,
  ...LOCKED,
  ...IPV6,
  ...SECRETS,
];

const local = (vpcId: string): Route => ({
  DestinationCidrBlock: VPC_CIDRS[vpcId] ?? '',
  GatewayId: 'local',
  Origin: 'CreateRouteTable',
  State: 'active',
});
const out = (target: Partial<Route>): Route => ({
  DestinationCidrBlock: '0.0.0.0/0',
  ...target,
  Origin: 'CreateRoute',
  State: 'active',
});

function table(
  n: number,
  subnets: readonly DemoSubnet[],
  routes: Route[],
  vpc = VPC_PLATFORM,
  main = false,
): RouteTable {
  const id = `rtb-0${vpc === VPC_PLATFORM ? 'a5e7c9b1d3f5' : 'b6f8d0c2e4a6'}e${String(n).padStart(3, '0')}`;
  return {
    RouteTableId: id,
    VpcId: vpc,
    Associations: [
      ...(main ? [{ RouteTableAssociationId: `rtbassoc-0${id.slice(5)}`, Main: true }] : []),
      ...subnets.map((s) => ({
        RouteTableAssociationId: `rtbassoc-0${id.slice(5, 13)}${s.id.slice(-8)}`,
        SubnetId: s.id,
        Main: false,
      })),
    ],
    Routes: [local(vpc), ...routes],
  };
}

export const DEMO_ROUTE_TABLES: RouteTable[] = [
  table(0, [], [], VPC_PLATFORM, true),
  table(1, PUBLIC, [out({ GatewayId: IGW_PLATFORM })]),
  table(2, [FIREWALL[0], LOCKED[0]], [out({ NatGatewayId: NAT_A })]),
  table(3, [FIREWALL[1], LOCKED[1]], [out({ NatGatewayId: NAT_B })]),
  table(4, [INSPECTED[0]], [out({ GatewayId: FIREWALL_A })]),
  table(5, [INSPECTED[1]], [out({ GatewayId: FIREWALL_B })]),
  table(6, FIREWALL_ONLY, [out({ GatewayId: FIREWALL_DIRECT })]),
  table(7, FIREWALL_EDGE, [out({ GatewayId: IGW_PLATFORM })]),
  table(8, PEERED, [out({ VpcPeeringConnectionId: PEERING })]),
  table(9, PRIVATE_NAT, [out({ NatGatewayId: NAT_PRIVATE })]),
  table(10, PRIVATE_NAT_EDGE, [out({ GatewayId: IGW_PLATFORM })]),
  table(
    11,
    [NAT_INSTANCE[0]],
    [out({ InstanceId: INSTANCE_STOPPED, NetworkInterfaceId: INSTANCE_ENI_STOPPED })],
  ),
  table(
    12,
    [NAT_INSTANCE[1]],
    [out({ InstanceId: INSTANCE_CHECKING, NetworkInterfaceId: INSTANCE_ENI_CHECKING })],
  ),
  table(13, TGW_SUBNETS, [out({ TransitGatewayId: TGW })]),
  table(14, TGW_ATTACHMENT_SUBNETS, []),
  table(15, VPN, [out({ GatewayId: VGW })]),
  table(16, IPV6, [
    {
      DestinationIpv6CidrBlock: '::/0',
      EgressOnlyInternetGatewayId: EIGW_PLATFORM,
      Origin: 'CreateRoute',
      State: 'active',
    },
  ]),
  table(0, [], [], VPC_SECRETS, true),
];

const nat = (id: string, subnetId: string, connectivity: 'public' | 'private'): NatGateway => ({
  NatGatewayId: id,
  VpcId: VPC_PLATFORM,
  SubnetId: subnetId,
  State: 'available',
  ConnectivityType: connectivity,
  AvailabilityMode: 'zonal',
});

export const DEMO_NAT_GATEWAYS: NatGateway[] = [
  nat(NAT_A, PUBLIC[0].id, 'public'),
  nat(NAT_B, PUBLIC[1].id, 'public'),
  nat(NAT_PRIVATE, PRIVATE_NAT_EDGE[0].id, 'private'),
];

const FIREWALL_ARN = `arn:aws:network-firewall:${REGION}:${ACCOUNT}:firewall/platform-egress`;
const firewallEndpoint = (id: string, subnetId: string): VpcEndpoint => ({
  VpcEndpointId: id,
  VpcId: VPC_PLATFORM,
  ServiceName: `com.amazonaws.vpce.${REGION}.vpce-svc-0f1e2d3c4b5a69788`,
  VpcEndpointType: 'GatewayLoadBalancer',
  State: 'available',
  SubnetIds: [subnetId],
  Tags: [
    { Key: 'AWSNetworkFirewallManaged', Value: 'true' },
    { Key: 'Firewall', Value: FIREWALL_ARN },
  ],
});

export const DEMO_ENDPOINTS: VpcEndpoint[] = [
  firewallEndpoint(FIREWALL_A, FIREWALL[0].id),
  firewallEndpoint(FIREWALL_B, FIREWALL[1].id),
  firewallEndpoint(FIREWALL_DIRECT, FIREWALL_EDGE[0].id),
  {
    VpcEndpointId: SECRETS_ENDPOINT,
    VpcId: VPC_SECRETS,
    ServiceName: `com.amazonaws.${REGION}.secretsmanager`,
    VpcEndpointType: 'Interface',
    State: 'available',
    SubnetIds: SECRETS.map((s) => s.id),
    PrivateDnsEnabled: true,
  },
];
