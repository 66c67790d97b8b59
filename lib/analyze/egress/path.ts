import type { AddressFamily, DefaultDestination, RouteTargetKind } from './targets.js';

/**
 * An egress path: from a subnet, hop by hop as AWS routes it, to where traffic bound for the internet ends. Plain
 * data: the finding evidence and the report's paths are these objects.
 */

/** Why a path that has a default route does not reach the internet. */
export type StopReason =
  /** An internet gateway reached by an address without a public IPv4 (a Lambda ENI, a private NAT, ...). */
  | 'no-public-ip'
  /** A blackhole route, or a target that is gone, detached, deleted or failed. */
  | 'blackhole'
  /** An in-VPC hop whose own subnet has no default route. */
  | 'no-route'
  /** A VPC peering connection: it reaches the peer VPC's CIDRs, never the internet beyond it. */
  | 'peering'
  /** A NAT instance that is not running or still checks source and destination. */
  | 'nat-instance'
  /** A transit gateway attachment with no subnet in the hop's Availability Zone. */
  | 'transit-gateway-zone'
  /** A network ACL that denies HTTPS out or the replies in. */
  | 'network-acl'
  /** The path comes back to a subnet it already left. */
  | 'loop';

export type PathVerdict =
  | { kind: 'internet' }
  | { kind: 'no-internet'; stop: StopReason }
  /** Leaves the VPC toward something this account cannot see beyond (transit gateway, VPN, Outposts, ...). */
  | { kind: 'beyond'; via: RouteTargetKind; id: string }
  /** The subnet has no default route for the family: only the VPC and its endpoints. */
  | { kind: 'isolated' }
  /** An input was not collected, or a state no documentation lists. */
  | { kind: 'unknown' };

export type VerdictKind = PathVerdict['kind'];

/** A network ACL rule that denies part of what the path needs. */
export interface AclDenial {
  direction: 'outbound' | 'inbound';
  /** TCP ports denied: 443 out, or part of 1024-65535 in. */
  fromPort: number;
  toPort: number;
  /** 32767 is the ACL's final `*` rule. */
  ruleNumber: number;
}

/** The network ACL of a hop's subnet, judged for HTTPS to the internet and its replies. */
export interface AclCheck {
  networkAclId: string;
  /** True when the subnet has no explicit association and uses its VPC's default ACL. */
  viaDefault: boolean;
  /** Empty when both directions are allowed. */
  denials: AclDenial[];
}

/** The route a hop's subnet uses for the family's default destination, and what its target is doing. */
export interface HopRoute {
  destination: DefaultDestination;
  targetKind: RouteTargetKind;
  targetId: string;
  /** What the target is, for a person: "NAT gateway", "private NAT gateway", "Network Firewall endpoint", ... */
  targetName: string;
  /** The route's State (`active`, `blackhole`); null when absent. */
  routeState: string | null;
  /** The target's own state where the snapshot has it (NAT gateway state, `attached`, `running`, `active`, ...). */
  targetState: string | null;
  /** The subnet the path continues from (an in-VPC target's own subnet); null when it ends here. */
  nextSubnetId: string | null;
}

/** One subnet on the path: its network ACL, its route table, the route taken and the AWS rule applied. */
export interface EgressHop {
  subnetId: string;
  routeTableId: string | null;
  /** True when the subnet has no explicit association and uses its VPC's main route table. */
  viaMainTable: boolean | null;
  /** Null when network ACLs were not collected (or none is recorded for the subnet). */
  networkAcl: AclCheck | null;
  /** Null when the path stopped before a route was read, or the subnet has no default route. */
  route: HopRoute | null;
  /** What AWS does at this hop, in one sentence. */
  rule: string;
}

export interface EgressPath {
  family: AddressFamily;
  /** The subnet the path starts in. */
  subnetId: string;
  hops: EgressHop[];
  verdict: PathVerdict;
  /**
   * What the routes alone say: the verdict, except where a way out crossed a subnet whose network ACL is unknown
   * (the verdict is then unknown, this is the way out). Routing-only checks judge this one.
   */
  routeVerdict: PathVerdict;
  /** One sentence: where internet-bound traffic ends, and why (or why that cannot be told). */
  detail: string;
}
