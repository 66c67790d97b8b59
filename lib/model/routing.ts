/**
 * The report's routing section: where each VPC function's internet-bound traffic goes, hop by hop as AWS routes it
 * (lib/analyze/egress/), grouped by VPC.
 *
 * A path's verdict:
 * - `internet`: it reaches the internet (through a NAT gateway or instance, a firewall then a NAT, IPv6 through an
 *   internet or egress-only gateway).
 * - `no-internet`: a default route exists but the path stops on the way (a public subnet, a blackhole, peering, a
 *   private NAT gateway, a broken NAT instance, a network ACL, a loop); the line names the hop.
 * - `beyond`: it leaves the VPC toward what this account cannot see (transit gateway, VPN, Outposts, ...).
 * - `isolated`: no default route: the VPC and its endpoints only.
 * - `unknown`: an input was not collected, or a state no documentation lists. Never a guess.
 */
export const ROUTING_VERDICTS = ['internet', 'no-internet', 'beyond', 'isolated', 'unknown'] as const;
export type RoutingVerdict = (typeof ROUTING_VERDICTS)[number];

export interface RoutingPath {
  family: 'ipv4' | 'ipv6';
  verdict: RoutingVerdict;
  /** `subnet-a » rtb-1 0.0.0.0/0 » nat-1 (NAT gateway, subnet-p) » rtb-2 0.0.0.0/0 » igw-1: internet`. */
  line: string;
}

export interface RoutingSubnet {
  subnetId: string;
  /** Null when the subnet was not found. */
  availabilityZone: string | null;
  /** IPv4, and IPv6 where the configuration sends it (dual-stack, in a subnet with an IPv6 CIDR). */
  paths: RoutingPath[];
}

/** One routing configuration of a function: its subnets and IPv6 setting; versions differing only in security groups share it. */
export interface RoutingConfiguration {
  versions: string[];
  ipv6AllowedForDualStack: boolean;
  /** "3 subnets in 3 AZs, internet via NAT gateway nat-… (eu-west-1a), NAT gateway nat-… (eu-west-1b)". */
  summary: string;
  subnets: RoutingSubnet[];
}

export interface FunctionRouting {
  name: string;
  /** One line a human can read: "orders-api: 2 subnets in 2 AZs, internet via NAT gateway (…)". */
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
