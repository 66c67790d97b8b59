/**
 * The ENI demand model: what the analysis computes from concurrency metrics, subnets and quotas, and what the
 * report's demand section shows. Plain data (arrays, numbers, strings) so it serialises as it is.
 *
 * Two models side by side:
 * - legacy: the Lambda VPC guide's sizing formula, `ENIs = projected peak concurrency × memory GB / divisor`,
 *   spread over a function's subnets and compared with their free IPs;
 * - Hyperplane (how Lambda works today): one ENI per distinct (subnet, sorted security-group set), shared by
 *   every function and version, compared with the per-VPC and regional ENI quotas.
 */

/** Where a peak came from: CloudWatch datapoints, no datapoints at all (no traffic), or no metrics read. */
export type PeakSource = 'metrics' | 'no-traffic' | 'not-collected';

/** The highest `ConcurrentExecutions` of one UTC day. */
export interface DailyPeak {
  date: string;
  max: number;
}

export interface QuotaInUse {
  /** Service Quotas code, e.g. `L-9FEE3D26`. */
  code: string;
  value: number;
  /** `default`: Service Quotas could not be read, the documented default is used instead. */
  source: 'service-quotas' | 'default';
}

/** "500 (Service Quotas L-9FEE3D26)", or the documented default and why it is used. */
export function describeQuota(quota: QuotaInUse): string {
  return quota.source === 'service-quotas'
    ? `${quota.value} (Service Quotas ${quota.code})`
    : `${quota.value} (documented default of ${quota.code}: Service Quotas could not be read)`;
}

export interface DemandParameters {
  /** Fraction added to the observed peak (0.2 = 20%). */
  headroom: number;
  /** GB of function memory per legacy ENI (1.5 in the guide; later editions use 3). */
  legacyDivisorGb: number;
  subnetUtilisationThreshold: number;
  quotaUtilisationThreshold: number;
  /** The CloudWatch window the peaks cover; null when metrics were not collected. */
  window: { lookbackDays: number; periodSeconds: number; startTime: string; endTime: string } | null;
  /** GetAccountSettings; null when not collected (projections are then not capped by the account). */
  accountConcurrencyLimit: number | null;
  unreservedConcurrencyLimit: number | null;
  lambdaEnisPerVpc: QuotaInUse;
  networkInterfacesPerRegion: QuotaInUse;
}

/** The cap that lowered a projection: the function's reserved concurrency or the account's unreserved pool. */
export interface ConcurrencyCap {
  by: 'reserved-concurrency' | 'unreserved-pool';
  limit: number;
}

export interface FunctionDemand {
  functionName: string;
  /** MB; the largest of the function's VPC-enabled versions. */
  memorySize: number;
  peakSource: PeakSource;
  /** Highest `ConcurrentExecutions` in the window: 0 with no traffic, null when not collected. */
  observedPeak: number | null;
  /** Daily peaks, oldest first; days without datapoints are absent. */
  daily: DailyPeak[];
  /** Null when none is configured or when GetFunction was not collected (see `reservedConcurrencyKnown`). */
  reservedConcurrency: number | null;
  reservedConcurrencyKnown: boolean;
  /** ceil(observed peak × (1 + headroom)), before any cap. */
  projectedUncapped: number | null;
  /** Set when a cap lowered the projection. */
  cap: ConcurrencyCap | null;
  projectedPeak: number | null;
  /** The guide's formula on the observed peak, without headroom or caps: a number to check by hand. */
  legacyEnisAtObservedPeak: number | null;
  /** The guide's formula on the projected peak. */
  legacyEnis: number | null;
  /** Existing subnets of every VPC-enabled version: the legacy demand is spread evenly over them. */
  subnetIds: string[];
  /** Configured subnets that were not found (deleted): they take no share. */
  missingSubnetIds: string[];
  /** ceil(legacy ENIs / subnet count); null when the demand is unknown or no subnet exists. */
  enisPerSubnet: number | null;
}

/** The Hyperplane ENIs of one subnet, VPC or region: combinations in use, ENIs present, ENIs still to create. */
export interface HyperplaneCount {
  combinations: number;
  /** Lambda ENIs present (orphans included: they count against quotas); null when ENIs were not collected. */
  existingEnis: number | null;
  /** Combinations in use with no ENI yet: each needs a free IP and counts against the quotas once created. */
  missingEnis: number | null;
}

export interface SubnetDemand {
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  cidrBlock: string | null;
  /** AvailableIpAddressCount. */
  freeIps: number;
  /** Lambda ENIs in the subnet that a function still uses (the legacy model reuses their IPs); null when not collected. */
  lambdaEnisInUse: number | null;
  /** freeIps + lambdaEnisInUse; a lower bound when Lambda ENIs were not collected. */
  capacity: number;
  /** Sum of the shares of the functions whose demand is known. */
  legacyDemand: number;
  contributors: { functionName: string; enis: number }[];
  /** Functions using the subnet whose peak was not collected: the demand may be higher. */
  unknownDemandFunctions: string[];
  /** legacyDemand / capacity; null when there is demand and no capacity at all. */
  utilisation: number | null;
  hyperplane: HyperplaneCount;
  /** The addresses each capacity provider using the subnet needs there at full scale (its even share). */
  capacityProviders: SubnetProviderShare[];
  /** ENIs Lambda operates here for managed instances and network connectors (their addresses are in use); null when not collected. */
  lambdaOperatedEnis: number | null;
}

/** Whether VPC functions use the subnet (the legacy and Hyperplane models); else only capacity providers do. */
export function hasFunctionUsers(subnet: SubnetDemand): boolean {
  return subnet.contributors.length > 0 || subnet.unknownDemandFunctions.length > 0;
}

export interface SubnetProviderShare {
  capacityProvider: string;
  /** ceil(instances at full scale / subnets); null when the instance count is unknown. */
  addresses: number | null;
  /** The same with the fewest vCPUs an instance can have: an upper bound. */
  addressesAtMost: number | null;
}

/**
 * A capacity provider at full scale: MaxVCpuCount / (the fewest vCPUs of an instance type it may launch)
 * instances, each with at least one private address, spread evenly over its subnets.
 */
export interface CapacityProviderDemand {
  capacityProvider: string;
  name: string;
  functions: string[];
  maxVCpuCount: number | null;
  /** The fewest vCPUs of its allowed instance types; null when a type is unknown or no type is listed. */
  smallestInstanceVcpus: number | null;
  /** A true lower bound of the same (1 when unknown). */
  smallestInstanceVcpusAtLeast: number;
  unknownInstanceTypes: string[];
  /** floor(MaxVCpuCount / smallest vCPUs); null when either is unknown. */
  instancesAtFullScale: number | null;
  /** floor(MaxVCpuCount / smallestInstanceVcpusAtLeast): an upper bound; null without MaxVCpuCount. */
  instancesAtMost: number | null;
  /** Its subnets that exist. */
  subnetIds: string[];
  missingSubnetIds: string[];
  addressesPerSubnet: number | null;
  addressesPerSubnetAtMost: number | null;
}

export interface VpcDemand {
  vpcId: string;
  subnets: number;
  /** Sum of the legacy shares of the VPC's subnets. */
  legacyDemand: number;
  hyperplane: HyperplaneCount & {
    /** existing + missing; null when ENIs were not collected. */
    projectedEnis: number | null;
    /** projected / the per-VPC quota. */
    utilisation: number | null;
  };
}

export interface RegionDemand {
  accountPeakSource: PeakSource;
  /** The account-level `ConcurrentExecutions` series (every function, VPC or not). */
  accountPeak: number | null;
  accountDaily: DailyPeak[];
  /** Sum of the functions' legacy ENIs whose demand is known. */
  legacyEnis: number;
  unknownDemandFunctions: number;
  hyperplane: HyperplaneCount;
  /** Every ENI of the region, of every kind; null when not collected. */
  networkInterfaces: number | null;
  /** networkInterfaces + Hyperplane ENIs still to create. */
  projectedNetworkInterfaces: number | null;
  /** projected / the regional quota. */
  utilisation: number | null;
}

export interface DemandModel {
  parameters: DemandParameters;
  functions: FunctionDemand[];
  subnets: SubnetDemand[];
  vpcs: VpcDemand[];
  region: RegionDemand;
  capacityProviders: CapacityProviderDemand[];
}
