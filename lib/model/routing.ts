import type { EgressClass } from '../analyze/egress.js';

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
