/**
 * Where a subnet's traffic to the internet goes, derived once per snapshot from its route table (explicit
 * association, else the VPC's main table), NAT gateways and internet gateways.
 *
 * - `public`: the default route goes to an internet gateway. Lambda ENIs never get a public IP, so a function
 *   there has no internet at all.
 * - `nat`: to an available NAT gateway, or to a NAT instance / appliance ENI.
 * - `blackhole`: the route's state is blackhole, or its NAT gateway is deleted, deleting, failed or gone, or its
 *   internet gateway is gone or detached.
 * - `other`: leaves the VPC another way (transit gateway, peering, VPN gateway, egress-only IGW, ...).
 * - `none`: no default route: the function reaches only its VPC and the VPC's endpoints.
 * - `unknown`: an input was not collected, or the subnet or its route table cannot be found. Never a guess.
 *
 * The IPv4 default route (0.0.0.0/0) decides; a subnet with only an IPv6 default route (::/0) is classed by
 * that route, and an internet gateway reached over IPv6 only is `other` (IPv6 internet for dual-stack functions,
 * no IPv4 way out).
 */
export const EGRESS_CLASSES = ['public', 'nat', 'blackhole', 'other', 'none', 'unknown'] as const;
export type EgressClass = (typeof EGRESS_CLASSES)[number];

/** The report's routing section: where each VPC function's traffic goes, grouped by VPC. */

export interface RoutingSubnet {
  subnetId: string;
  /** Null when the subnet was not found. */
  availabilityZone: string | null;
  egress: EgressClass;
  routeTableId: string | null;
  /** True when the subnet has no explicit association and uses its VPC's main route table. */
  viaMainTable: boolean | null;
  /** Where internet-bound traffic goes, or why that cannot be told. */
  detail: string;
}

/** One distinct VPC configuration of a function and the versions using it. */
export interface RoutingConfiguration {
  versions: string[];
  /** "3 subnets in 3 AZs, egress via NAT (nat-… in eu-west-1a, nat-… in eu-west-1b)". */
  summary: string;
  subnets: RoutingSubnet[];
}

export interface FunctionRouting {
  name: string;
  /** One line a human can read: "orders-api: 2 subnets in 2 AZs, egress via NAT (…)". */
  summary: string;
  configurations: RoutingConfiguration[];
}

export interface RoutingVpc {
  /** Null for functions none of whose subnets could be found (so their VPC is unknown). */
  vpcId: string | null;
  functions: FunctionRouting[];
  /** Keys of this VPC's failed and unknown routing findings (functions, subnets, NAT gateways), as in `findings`. */
  findingKeys: string[];
}

export interface RoutingSection {
  vpcs: RoutingVpc[];
}
