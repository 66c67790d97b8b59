/**
 * `lambda-vpc-audit plan`: a proposed function configuration (new, or a change to an existing function) and
 * whether it fits the account: its subnets' free IPs, the per-VPC and regional ENI quotas, the legacy sizing
 * formula at its concurrency and memory, the egress of its subnets and their Availability Zones.
 */

/** One function as proposed, from flags or a template resource. A null field is unknown (not resolvable). */
export interface ProposedFunction {
  name: string;
  /** True when it changes a function the account has; false for a new one. */
  existing: boolean;
  /** Where it comes from: `flags`, or `template resource <LogicalId>`. */
  origin: string;
  /** MB; null keeps an existing function's memory (a new one gets Lambda's default, 128). */
  memoryMb: number | null;
  /** The expected peak concurrency to size for; null: the observed peak, or else the reserved concurrency. */
  concurrency: number | null;
  /** A template's ReservedConcurrentExecutions: the function's cap (and, without a peak, what it is sized for). */
  reservedConcurrency: number | null;
  /** Null keeps an existing function's subnets; an unresolvable list is reported in `unresolved`. */
  subnetIds: string[] | null;
  securityGroupIds: string[] | null;
  /** `Ipv6AllowedForDualStack`; null keeps an existing function's. */
  dualStack: boolean | null;
  /**
   * The capacity provider it runs on (Lambda Managed Instances), by ARN; null: its own VpcConfig (or an existing
   * function's provider). Its network is then the provider's.
   */
  capacityProviderArn: string | null;
  /** What a template gives that cannot be resolved offline, one line each (`SubnetIds[0]: Fn::ImportValue shared-a`). */
  unresolved: string[];
}

export type PlanVerdict = 'fits' | 'does-not-fit' | 'unknown';

/** One of the proposal's subnets, before and after the change. */
export interface PlannedSubnet {
  subnetId: string;
  /** False when subnets were collected and this one is not among them. */
  exists: boolean;
  availabilityZone: string | null;
  cidrBlock: string | null;
  freeIps: number | null;
  /** Free IPs plus the Lambda ENIs in use (the legacy model's capacity); null when the subnet is unknown. */
  capacity: number | null;
  /** The subnet's legacy demand before and after, and the proposed function's share of it. */
  legacyBefore: number | null;
  legacyAfter: number | null;
  legacyShare: number | null;
  /** Functions in the subnet whose demand is unknown (their concurrency was not collected). */
  unknownDemandFunctions: string[];
  /** Hyperplane ENIs the change adds here (new subnet and security-group combinations); null when ENIs were not collected. */
  newHyperplaneEnis: number | null;
  /** Hyperplane ENIs still to create here after the change, each needing a free IP. */
  pendingHyperplaneEnis: number | null;
  /** Where the subnet's traffic to the internet goes (the audit's egress judgement). */
  egress: { class: string; detail: string; routeTableId: string | null };
}

/** A quota before and after the change. */
export interface PlannedQuota {
  /** `vpc-...` for the per-VPC Lambda ENI quota, the region for the regional one. */
  scope: string;
  code: string;
  limit: number;
  /** Documented default used because Service Quotas could not be read. */
  defaultUsed: boolean;
  before: number | null;
  after: number | null;
}

/** One subnet of a capacity provider: its share of the provider at full scale against its addresses. */
export interface PlannedProviderSubnet {
  subnetId: string;
  availabilityZone: string | null;
  cidrBlock: string | null;
  freeIps: number;
  /** Addresses the provider's running instances already hold here (credited when it is the subnet's only provider). */
  managedInstanceEnis: number;
  /** freeIps + managedInstanceEnis. */
  capacity: number;
  /** Addresses the provider needs here at full scale (an upper bound when its instance types are unknown); null without MaxVCpuCount. */
  needed: number | null;
  egress: PlannedSubnet['egress'];
}

/**
 * The capacity provider a function runs on, at full scale: MaxVCpuCount / the fewest vCPUs of its instance types
 * instances, spread evenly over its subnets (the audit's capacity-provider-subnet-capacity figures).
 */
export interface PlannedProvider {
  name: string;
  arn: string;
  verdict: PlanVerdict;
  subnetIds: string[];
  securityGroupIds: string[];
  maxVCpuCount: number | null;
  smallestInstanceVcpus: number | null;
  unknownInstanceTypes: string[];
  instancesAtFullScale: number | null;
  /** An upper bound, from the fewest vCPUs an instance can have. */
  instancesAtMost: number | null;
  addressesPerSubnet: number | null;
  subnets: PlannedProviderSubnet[];
  /** The functions on it, the planned one included. */
  functions: string[];
}

export interface FunctionPlan {
  proposal: ProposedFunction;
  verdict: PlanVerdict;
  /** What would break, and by how much (does-not-fit). */
  breaks: string[];
  /** What could not be told (unknown). */
  unknowns: string[];
  /** Worth knowing, whatever the verdict (egress, AZs, closeness to a quota). */
  notes: string[];
  /** The legacy formula for this function at the planned concurrency and memory. */
  legacy: {
    concurrency: number | null;
    concurrencySource: 'given' | 'observed' | 'reserved' | 'unknown';
    projectedPeak: number | null;
    memoryMb: number;
    enis: number | null;
    perSubnet: number | null;
  } | null;
  subnets: PlannedSubnet[];
  /** Set when it runs on a capacity provider: no Hyperplane ENIs, no legacy demand, the provider's scale instead. */
  capacityProvider: PlannedProvider | null;
  availabilityZones: string[];
  vpcQuota: PlannedQuota | null;
  regionQuota: PlannedQuota | null;
}

export interface PlanAnswer {
  accountId: string;
  region: string;
  /** The snapshot the plan was made against (a file, or a live collection now). */
  capturedAt: string;
  source: 'live' | 'snapshot';
  verdict: PlanVerdict;
  functions: FunctionPlan[];
  /** About the plan as a whole (parameters used, functions of a template not planned). */
  notes: string[];
}
